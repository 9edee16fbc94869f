// What every part of the host page shares: the page state (the server's HostState, see
// local/contract.ts), the user's preferences, formatting in the user's zone and language, small
// DOM helpers, and the typed request to the local host's endpoints.
import type { ErrorBody, HostState, LocalPostPath, LocalRequest, LocalResponse } from '../contract';
import { STATUS_RU, TEXT, type Lang } from './text.js';

export type Theme = 'light' | 'dark';
export const TABS = ['issues', 'reports', 'admin', 'jql', 'dashboard', 'portal'] as const;
export type Tab = (typeof TABS)[number];
export const isTab = (v: unknown): v is Tab => (TABS as readonly unknown[]).includes(v);

export const prefs = {
  user: localStorage.getItem('reglament.user') ?? '',
  project: localStorage.getItem('reglament.project') ?? '',
  issue: localStorage.getItem('reglament.issue') ?? '',
  lang: (localStorage.getItem('reglament.lang') as Lang | null) ?? 'ru',
  theme: (localStorage.getItem('reglament.theme') as Theme | null) ?? 'light',
  tab: ((v: string | null): Tab => (isTab(v) ? v : 'issues'))(localStorage.getItem('reglament.tab')),
  // Requests are handled in order of due time (DOMAIN.md), so that is the default order.
  sort: localStorage.getItem('reglament.sort') === 'newest' ? 'newest' : 'due',
};
export function savePrefs(): void {
  for (const [k, v] of Object.entries(prefs)) localStorage.setItem(`reglament.${k}`, v);
}


/** The last state the server sent, and the simulated and real instants it was read at. */
export const page: { state: HostState | null; clockBase: { sim: number; real: number } } = { state: null, clockBase: { sim: 0, real: 0 } };

/** Set by host.ts: reloads the state from the server and redraws the page. */
export const hooks: { reload: () => Promise<void> } = { reload: () => Promise.resolve() };

export const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`host page: #${id} is missing`);
  return el as T;
};

export function t(key: string, vars: Record<string, string | number> = {}): string {
  const s = TEXT[prefs.lang][key] ?? TEXT.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
export function statusName(name: string): string {
  return prefs.lang === 'ru' ? (STATUS_RU[name] ?? name) : name;
}
export function userZone(): string {
  return page.state?.user?.timeZone ?? 'Europe/Moscow';
}
/** `2026-11-23T10:00` for an instant in the user's zone: the datetime-local picker's format. */
export function localInput(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: userZone(), year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
export function zoneName(ms: number): string {
  const part = new Intl.DateTimeFormat(prefs.lang === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: userZone(), timeZoneName: 'short' }).formatToParts(ms).find((p) => p.type === 'timeZoneName');
  return part?.value ?? userZone();
}
export function fmtWhen(ms: number): string {
  const tz = page.state?.user?.timeZone ?? 'Europe/Moscow';
  return new Intl.DateTimeFormat(prefs.lang === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(ms);
}
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string | null>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null) e.append(c);
  return e;
}

export function toast(message: string, error = false): void {
  const box = $('toast');
  box.textContent = message;
  box.className = error ? 'toast toast--error' : 'toast';
  box.hidden = false;
  window.setTimeout(() => (box.hidden = true), error ? 8000 : 3500);
}

/** An error the local host answered with; `code` lets the page say it in the user's language. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** The per-start token the server put in this page; every /__local/* call carries it (local/server.ts). */
export const LOCAL_TOKEN = document.querySelector('meta[name="reglament-token"]')?.getAttribute('content') ?? '';
export const TOKEN_HEADERS = { 'x-reglament-token': LOCAL_TOKEN };

/** POST to one of the contract's endpoints; a non-2xx answer becomes a HostError. */
export async function post<P extends LocalPostPath>(path: P, body: LocalRequest<P>): Promise<LocalResponse<P>> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...TOKEN_HEADERS }, body: JSON.stringify(body) });
  } catch (e) {
    throw new HostError(String(e), 'network', { detail: e instanceof Error ? e.message : String(e) });
  }
  const data = (await res.json().catch(() => ({ error: `${path}: HTTP ${res.status}` }))) as LocalResponse<P> & Partial<ErrorBody>;
  if (!res.ok) throw new HostError(data.error ?? `${path}: HTTP ${res.status}`, data.code, data.params ?? {});
  return data;
}

/** The sentence for an error: translated when the host gave a known code, else its own message. */
export function errorText(e: unknown): string {
  if (e instanceof HostError && e.code && (TEXT.en[`error.${e.code}`] !== undefined)) {
    const vars: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(e.params)) vars[k] = (k === 'to' || k === 'now') && typeof v === 'number' ? fmtWhen(v) : v;
    return t(`error.${e.code}`, vars);
  }
  return e instanceof Error ? e.message : String(e);
}

export function simNow(): number {
  return page.clockBase.sim + (Date.now() - page.clockBase.real);
}

