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

/** Shows a request in the Requests tab (links from the apps, the surfaces). */
export function openIssueHere(key: string): void {
  prefs.project = key.replace(/-\d+$/, '');
  prefs.issue = key;
  prefs.tab = 'issues';
  savePrefs();
  void hooks.reload();
}

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
/**
 * The jump picker in the page's format, not the browser's (a native picker follows the browser
 * locale, so a Russian page showed `12/16/2026, 05:41 PM`): ru `16.12.2026 17:41`, en `2026-12-16 17:41`.
 */
export function shownInput(ms: number): string {
  const [date, time] = localInput(ms).split('T') as [string, string];
  const [y, m, d] = date.split('-');
  return prefs.lang === 'ru' ? `${d}.${m}.${y} ${time}` : `${date} ${time}`;
}
/** What a person typed in either format, as `YYYY-MM-DDTHH:mm` (the server's wall-clock form); null if it is no date. */
export function readInput(text: string): string | null {
  const v = text.trim();
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,T]+(\d{1,2}):(\d{2}))?$/.exec(v);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2}))?$/.exec(v);
  const parts = ru ? { y: ru[3], m: ru[2], d: ru[1], h: ru[4], mi: ru[5] } : iso ? { y: iso[1], m: iso[2], d: iso[3], h: iso[4], mi: iso[5] } : null;
  if (!parts) return null;
  const pad = (x: string | undefined, fallback: string): string => (x ?? fallback).padStart(2, '0');
  const out = `${parts.y}-${pad(parts.m, '01')}-${pad(parts.d, '01')}T${pad(parts.h, '00')}:${pad(parts.mi, '00')}`;
  const [, mm, dd, hh, mi] = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(out)!.map(Number) as number[];
  const days = new Date(Date.UTC(Number(parts.y), mm!, 0)).getUTCDate();
  return mm! >= 1 && mm! <= 12 && dd! >= 1 && dd! <= days && hh! <= 23 && mi! <= 59 ? out : null;
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

