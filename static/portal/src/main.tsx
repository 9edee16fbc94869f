import 'virtual:ds-tokens.css';
import '../../shared/base.css';
import { view } from '@forge/bridge';
import { useEffect, useMemo, useState } from 'react';
import type { CustomerSlaView, Envelope } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import { boot } from '../../shared/boot';
import type { HostContext } from '../../shared/host';
import { translator } from '../../shared/i18n';
import { Message } from '../../shared/ui';
import { clockLine, PORTAL_MESSAGES } from './model';

// The request detail names the request as extension.request.key.
const raw = (await view.getContext().catch(() => ({}))) as { extension?: { request?: { key?: unknown } } };
const requestKey = typeof raw.extension?.request?.key === 'string' ? raw.extension.request.key : undefined;

function PortalApp({ host }: { host: HostContext }) {
  const t = useMemo(() => translator(PORTAL_MESSAGES, host.lang), [host.lang]);
  const [loaded, setLoaded] = useState<Envelope<CustomerSlaView> | null>(null);
  useEffect(() => {
    void call('getPortalSla', { ...(requestKey ? { issueKey: requestKey } : host.issueKey ? { issueKey: host.issueKey } : {}), locale: host.lang }).then(setLoaded);
  }, [host.lang, host.issueKey]);
  if (!loaded) return <p role="status">{t('loading')}</p>;
  if (!loaded.ok) return <Message tone="error" role="alert">{t('error', { message: loaded.error.message })}</Message>;
  const v = loaded.data;
  if (!v.configured || v.clocks.length === 0) return <p>{t('none')}</p>;
  return (
    <section className="portal-sla" aria-label={t('heading')} style={{ padding: 'var(--ds-space-100, 8px)', color: 'var(--ds-text, #172b4d)' }}>
      {v.package ? <p>{t('package', { name: v.package.name[host.lang] })}</p> : null}
      <ul data-testid="portal-clocks">
        {v.clocks.map((c) => (
          <li key={c.kind} data-state={c.state}>
            {clockLine(c, t)}
          </li>
        ))}
      </ul>
      <p style={{ color: 'var(--ds-text-subtlest, #626f86)' }}>{t('zone', { zone: v.zoneText })}</p>
    </section>
  );
}

void boot((host) => <PortalApp host={host} />);
