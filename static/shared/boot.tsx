// Starts an app: host context first, then the app; if the host cannot be reached, a sentence
// saying so in the browser's language instead of a blank frame.
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { toLang } from './format';
import { startHost, type HostContext } from './host';
import { PANEL_MESSAGES, translator } from './i18n';
import { Message } from './ui';

export async function boot(app: (host: HostContext) => ReactNode): Promise<void> {
  const el = document.getElementById('root');
  if (!el) throw new Error('index.html has no #root');
  const root = createRoot(el);
  try {
    const host = await startHost();
    root.render(app(host));
  } catch (err) {
    const t = translator(PANEL_MESSAGES, toLang(navigator.language));
    root.render(
      <Message tone="error" role="alert">
        <p data-error-code="HOST" data-error-detail={err instanceof Error ? err.message.trim() : String(err)}>{t('status.host')}</p>
      </Message>,
    );
  }
}
