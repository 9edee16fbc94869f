// What every app needs from the host before its first render: who, where, which language and
// zone, light or dark. Kept apart from the pure modules so those stay testable in Node.
import { events, view } from '@forge/bridge';
import type { Locale } from '../../src/shared/contract';
import { intlLocale, toLang } from './format';

export interface HostContext {
  lang: Locale;
  /** BCP 47 tag for Intl. */
  locale: string;
  timeZone: string;
  moduleKey: string;
  extensionType: string;
  issueKey: string | null;
  projectKey: string | null;
  fieldValue: unknown;
  accountId: string | null;
  colorMode: 'light' | 'dark';
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function rec(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function applyTheme(mode: unknown): 'light' | 'dark' {
  const root = document.documentElement;
  // In Jira, enableTheming makes the host set these attributes (and follow the user's switch);
  // only when nobody did do we set them from the context so the token stylesheet applies.
  const hostMode = root.getAttribute('data-color-mode');
  let colorMode: 'light' | 'dark';
  if (hostMode === 'light' || hostMode === 'dark') colorMode = hostMode;
  else if (mode === 'dark' || mode === 'light') colorMode = mode;
  else colorMode = window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  if (!hostMode) root.setAttribute('data-color-mode', colorMode);
  if (!root.getAttribute('data-theme')) root.setAttribute('data-theme', 'light:light dark:dark');
  return colorMode;
}

export async function startHost(): Promise<HostContext> {
  // Both round trips to the host at once; theming is a nicety (an old host without it still gets
  // the light tokens below), so its failure is ignored.
  const [raw] = await Promise.all([view.getContext(), view.theme.enable().catch(() => undefined)]);
  const ctx = rec(raw);
  const extension = rec(ctx.extension);
  const rawLocale = str(ctx.locale) ?? navigator.language;
  const lang = toLang(rawLocale);
  document.documentElement.lang = lang;
  return {
    lang,
    locale: intlLocale(rawLocale),
    timeZone: str(ctx.timezone) ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    moduleKey: str(ctx.moduleKey) ?? '',
    extensionType: str(extension.type) ?? '',
    issueKey: str(rec(extension.issue).key),
    projectKey: str(rec(extension.project).key),
    fieldValue: extension.fieldValue,
    accountId: str(ctx.accountId),
    colorMode: applyTheme(rec(ctx.theme).colorMode),
  };
}

/** Calls `onChange` whenever Jira says the issue changed; returns the unsubscribe. */
export function onIssueChanged(onChange: () => void): () => void {
  let unsubscribe: (() => void) | null = null;
  let cancelled = false;
  events
    .on('JIRA_ISSUE_CHANGED', () => onChange())
    .then((sub) => {
      if (cancelled) sub.unsubscribe();
      else unsubscribe = () => sub.unsubscribe();
    })
    .catch(() => {
      // Outside the issue view there is no such event; the panel still refreshes on its own.
    });
  return () => {
    cancelled = true;
    unsubscribe?.();
  };
}
