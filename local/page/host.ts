// The host page: a Jira-like issue view around the app's real Custom UI bundles. It plays
// Jira's part of the Custom UI bridge for each iframe (invoke → /__local/invoke as the
// selected user, getContext, events incl. JIRA_ISSUE_CHANGED, theming, submit/close), and
// drives the emulator: create, comment, transition, field edits, simulated time, users.
import { createSurfaces, SURFACE_TEXT, type AutomationAction } from './surfaces.js';

type Lang = 'ru' | 'en';
type Theme = 'light' | 'dark';
const TABS = ['issues', 'reports', 'admin', 'jql', 'dashboard', 'portal'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: unknown): v is Tab => (TABS as readonly unknown[]).includes(v);

interface User {
  accountId: string;
  displayName: string;
  role: 'admin' | 'agent' | 'customer';
  timeZone: string;
  locale: string;
}
interface Project {
  id: string;
  key: string;
  name: string;
  template?: string;
}
interface QueueRow {
  key: string;
  summary: string;
  status: string;
  statusCategory: string;
  reporter: string;
  /** The app's overall SLA state field: running, atRisk, paused, met, breached (null before the app computed it). */
  sla: string | null;
  /** The nearest reaction/resolution due the app wrote to the request, epoch ms. */
  due: number | null;
  created: number;
}
interface IssueView {
  id: string;
  key: string;
  project: { id: string; key: string; name: string; template: string | null };
  summary: string;
  description: string;
  status: { id: string; name: string; category: string };
  reporter: { accountId: string; name: string | null };
  created: number;
  fields: Record<string, { id: string; name: string; names?: Record<string, string>; type: string; value: unknown }>;
  comments: Array<{ id: string; author: string | null; authorId: string; body: string; created: number; internal: boolean }>;
  history: Array<{ at: number; author: string | null; items: Array<{ field: string; from: string | null; to: string | null }> }>;
  transitions: Array<{ id: string; to: string; category: string }>;
}
interface ModuleRef {
  key: string;
  app: string;
  titles?: Record<string, string>;
}
interface HostState {
  ready: boolean;
  preparing: string;
  now: number;
  dataPath: string;
  users: User[];
  user: User | null;
  projects: Project[];
  project: string;
  queue: QueueRow[];
  issue: IssueView | null;
  modules: { issuePanel: ModuleRef; issueContext: ModuleRef; adminPage: ModuleRef; projectPage: ModuleRef; fieldEditors: Record<'package' | 'priority', ModuleRef & { fieldId: string | null }>; gadget: ModuleRef; portal: ModuleRef };
  automationActions?: AutomationAction[];
  /** The dashboard gadget's configuration as the host's Jira keeps it. */
  gadget?: { dashboardId: string; itemId: string; configuration: unknown };
  cloudId: string;
  siteUrl: string;
  appId: string;
  faults: { rate: number } | null;
}

type Listener = (payload: unknown) => unknown;
interface Frame {
  id: string;
  iframe: HTMLIFrameElement;
  moduleKey: string;
  extension: Record<string, unknown>;
  listeners: Map<string, Set<Listener>>;
  signature: string;
  onSubmit?: (value: unknown) => Promise<void>;
  /** The user the frame runs as when not the selected one (the portal view: the request's reporter). */
  as?: User;
}

declare global {
  interface Window {
    __reglamentHost?: { callBridge(frameId: string, name: string, payload: unknown): Promise<unknown> };
  }
}

const TEXT: Record<Lang, Record<string, string>> = {
  en: {
    brand: 'Reglament · local Jira',
    'tab.issues': 'Requests',
    'tab.admin': 'Admin',
    'tab.reports': 'Reports',
    'time.now': 'Simulated time',
    'time.workingHour': '+1 working hour',
    'time.hour': '+1 hour',
    'time.day': '+1 day',
    'time.jump': 'Jump',
    'time.jumpFormat': 'yyyy-mm-dd hh:mm',
    'error.jumpFormat': '"{value}" is not a date and time; type it as {format}.',
    'time.sweep': 'Run sweep now',
    'pref.user': 'User',
    'pref.lang': 'Language',
    'pref.theme': 'Theme',
    'pref.faults': 'Jira faults',
    'pref.faultsTitle': "A share of the app's Jira calls answered 429 (with Retry-After) or 500",
    'frame.badge': 'SLA badge (issue context)',
    'frame.panel': 'SLA panel',
    'frame.reports': 'Reglament reports',
    'frame.admin': 'Reglament administration',
    'frame.editor': 'Field editor',
    'toast.faults': '{percent} of the app\'s Jira calls now fail with 429 or 500.',
    'theme.light': 'Light',
    'theme.dark': 'Dark',
    project: 'Project',
    'create.open': 'Create request',
    'create.title': 'Create a request',
    'create.as': 'As {name} (customer)',
    'create.summary': 'Summary',
    'create.description': 'Description',
    'create.submit': 'Create',
    'create.customersOnly': 'Switch to a customer to raise a request, as on the portal.',
    cancel: 'Cancel',
    queue: 'Queue',
    'queue.empty': 'No requests you can see.',
    'queue.sort': 'Order',
    'queue.byDue': 'By due time',
    'queue.newest': 'Newest first',
    'queue.due': 'due {when}',
    'issue.none': 'Pick a request from the queue.',
    'issue.description': 'Description',
    'issue.details': 'Details',
    'issue.status': 'Status',
    'issue.reporter': 'Reporter',
    'issue.created': 'Created',
    'issue.comments': 'Activity',
    'issue.noComments': 'No comments yet.',
    'issue.edit': 'Edit',
    'issue.empty': 'None',
    'comment.placeholder': 'Add a comment…',
    'comment.reply': 'Reply to customer',
    'comment.internal': 'Add internal note',
    'comment.customer': 'Comment',
    'comment.internalTag': 'Internal note',
    'transition.to': 'Move to {status}',
    'admin.only': 'The administration page is for Jira administrators. Switch the user to the admin.',
    'role.admin': 'admin',
    'role.agent': 'agent',
    'role.customer': 'customer',
    'toast.sweep': 'Sweep finished.',
    'toast.advanced': 'Time moved to {when}; {sweeps} sweeps ran.',
    'toast.advancedWorking': 'One working hour later in the calendar «{calendar}»: {when}; {sweeps} sweeps ran.',
    'data.path': 'Data: {path}',
    'time.zone': 'in {zone}',
    'time.jumpTitle': 'Date and time to move simulated time to, in {zone}',
    'comment.empty': 'Write the comment first.',
    'history.status': 'changed the status: {from} → {to}',
    'sla.running': 'On track',
    'sla.atRisk': 'At risk',
    'sla.paused': 'Paused',
    'sla.met': 'Met',
    'sla.breached': 'Breached',
    'editor.cancel': 'Cancel',
    'error.timeBackwards': 'Simulated time only moves forward: {to} is before the current simulated time {now}.',
    'error.customerInternal': 'Customers cannot add internal notes.',
    'error.customerCannot': '{user} is a customer: customers cannot change the status or edit fields.',
    'error.noSuchRequest': '{key}: {user} cannot see this request.',
    'error.network': 'The local host did not answer ({detail}). Is `npm start` still running?',
    'field.sla-service-package': 'Service package',
    'field.sla-priority': 'SLA priority',
    'field.sla-reaction-due': 'Reaction due',
    'field.sla-resolution-due': 'Resolution due',
  },
  ru: {
    brand: 'Reglament · локальная Jira',
    'tab.issues': 'Обращения',
    'tab.admin': 'Администрирование',
    'tab.reports': 'Отчёты',
    'time.now': 'Модельное время',
    'time.workingHour': '+1 рабочий час',
    'time.hour': '+1 час',
    'time.day': '+1 день',
    'time.jump': 'Перейти',
    'time.jumpFormat': 'дд.мм.гггг чч:мм',
    'error.jumpFormat': '«{value}» — не дата и время; введите как {format}.',
    'time.sweep': 'Запустить проверку',
    'pref.user': 'Пользователь',
    'pref.lang': 'Язык',
    'pref.theme': 'Тема',
    'pref.faults': 'Сбои Jira',
    'pref.faultsTitle': 'Доля вызовов Jira от приложения, на которые эмулятор отвечает 429 (с Retry-After) или 500',
    'frame.badge': 'Значок SLA (контекст обращения)',
    'frame.panel': 'Панель SLA',
    'frame.reports': 'Отчёты Reglament',
    'frame.admin': 'Настройки Reglament',
    'frame.editor': 'Редактор поля',
    'toast.faults': 'Теперь {percent} вызовов Jira от приложения отвечают 429 или 500.',
    'theme.light': 'Светлая',
    'theme.dark': 'Тёмная',
    project: 'Проект',
    'create.open': 'Создать обращение',
    'create.title': 'Новое обращение',
    'create.as': 'От имени {name} (клиент)',
    'create.summary': 'Тема',
    'create.description': 'Описание',
    'create.submit': 'Создать',
    'create.customersOnly': 'Обращения создают клиенты, как на портале: выберите пользователя-клиента.',
    cancel: 'Отмена',
    queue: 'Очередь',
    'queue.empty': 'Нет доступных обращений.',
    'queue.sort': 'Порядок',
    'queue.byDue': 'По сроку',
    'queue.newest': 'Сначала новые',
    'queue.due': 'срок {when}',
    'issue.none': 'Выберите обращение в очереди.',
    'issue.description': 'Описание',
    'issue.details': 'Сведения',
    'issue.status': 'Статус',
    'issue.reporter': 'Автор',
    'issue.created': 'Создано',
    'issue.comments': 'Активность',
    'issue.noComments': 'Комментариев пока нет.',
    'issue.edit': 'Изменить',
    'issue.empty': 'Нет',
    'comment.placeholder': 'Добавьте комментарий…',
    'comment.reply': 'Ответить клиенту',
    'comment.internal': 'Внутренняя заметка',
    'comment.customer': 'Комментировать',
    'comment.internalTag': 'Внутренняя заметка',
    'transition.to': 'Перевести в «{status}»',
    'admin.only': 'Страница настроек доступна администраторам Jira. Выберите пользователя-администратора.',
    'role.admin': 'администратор',
    'role.agent': 'агент',
    'role.customer': 'клиент',
    'toast.sweep': 'Проверка выполнена.',
    'toast.advanced': 'Время: {when}; проверок выполнено: {sweeps}.',
    'toast.advancedWorking': 'Через рабочий час по календарю «{calendar}»: {when}; проверок выполнено: {sweeps}.',
    'data.path': 'Данные: {path}',
    'time.zone': 'по времени {zone}',
    'time.jumpTitle': 'Дата и время, куда перевести модельное время ({zone})',
    'comment.empty': 'Сначала напишите комментарий.',
    'history.status': 'изменил(а) статус: {from} → {to}',
    'sla.running': 'В срок',
    'sla.atRisk': 'Под угрозой',
    'sla.paused': 'Пауза',
    'sla.met': 'Выполнено',
    'sla.breached': 'Нарушено',
    'editor.cancel': 'Отмена',
    'error.timeBackwards': 'Модельное время идёт только вперёд: {to} раньше текущего модельного времени {now}.',
    'error.customerInternal': 'Клиенты не могут оставлять внутренние заметки.',
    'error.customerCannot': '{user} — клиент: клиенты не меняют статус и поля обращения.',
    'error.noSuchRequest': '{key}: у пользователя {user} нет доступа к этому обращению.',
    'error.network': 'Локальный хост не ответил ({detail}). Запущен ли `npm start`?',
    'field.sla-service-package': 'Пакет обслуживания',
    'field.sla-priority': 'Приоритет SLA',
    'field.sla-reaction-due': 'Срок реакции',
    'field.sla-resolution-due': 'Срок решения',
  },
};

for (const lang of ['en', 'ru'] as const) Object.assign(TEXT[lang], SURFACE_TEXT[lang]);

const STATUS_RU: Record<string, string> = {
  Open: 'Открыто',
  'In Progress': 'В работе',
  'Waiting for customer': 'Ожидание клиента',
  Resolved: 'Решено',
  Closed: 'Закрыто',
};

const prefs = {
  user: localStorage.getItem('reglament.user') ?? '',
  project: localStorage.getItem('reglament.project') ?? '',
  issue: localStorage.getItem('reglament.issue') ?? '',
  lang: (localStorage.getItem('reglament.lang') as Lang | null) ?? 'ru',
  theme: (localStorage.getItem('reglament.theme') as Theme | null) ?? 'light',
  tab: ((v: string | null): Tab => (isTab(v) ? v : 'issues'))(localStorage.getItem('reglament.tab')),
  // Requests are handled in order of due time (DOMAIN.md), so that is the default order.
  sort: localStorage.getItem('reglament.sort') === 'newest' ? 'newest' : 'due',
};
function savePrefs(): void {
  for (const [k, v] of Object.entries(prefs)) localStorage.setItem(`reglament.${k}`, v);
}

let state: HostState | null = null;
let clockBase = { sim: 0, real: 0 };
const frames = new Map<string, Frame>();
let frameSeq = 0;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`host page: #${id} is missing`);
  return el as T;
};

function t(key: string, vars: Record<string, string | number> = {}): string {
  const s = TEXT[prefs.lang][key] ?? TEXT.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
function statusName(name: string): string {
  return prefs.lang === 'ru' ? (STATUS_RU[name] ?? name) : name;
}
function userZone(): string {
  return state?.user?.timeZone ?? 'Europe/Moscow';
}
/** `2026-11-23T10:00` for an instant in the user's zone: the datetime-local picker's format. */
function localInput(ms: number): string {
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
function shownInput(ms: number): string {
  const [date, time] = localInput(ms).split('T') as [string, string];
  const [y, m, d] = date.split('-');
  return prefs.lang === 'ru' ? `${d}.${m}.${y} ${time}` : `${date} ${time}`;
}
/** What a person typed in either format, as `YYYY-MM-DDTHH:mm` (the server's wall-clock form); null if it is no date. */
function readInput(text: string): string | null {
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
function zoneName(ms: number): string {
  const part = new Intl.DateTimeFormat(prefs.lang === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: userZone(), timeZoneName: 'short' }).formatToParts(ms).find((p) => p.type === 'timeZoneName');
  return part?.value ?? userZone();
}
function fmtWhen(ms: number): string {
  const tz = state?.user?.timeZone ?? 'Europe/Moscow';
  return new Intl.DateTimeFormat(prefs.lang === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(ms);
}
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string | null>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null) e.append(c);
  return e;
}

function toast(message: string, error = false): void {
  const box = $('toast');
  box.textContent = message;
  box.className = error ? 'toast toast--error' : 'toast';
  box.hidden = false;
  window.setTimeout(() => (box.hidden = true), error ? 8000 : 3500);
}

/** An error the local host answered with; `code` lets the page say it in the user's language. */
class HostError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** The per-start token the server put in this page; every /__local/* call carries it (local/server.ts). */
const LOCAL_TOKEN = document.querySelector('meta[name="reglament-token"]')?.getAttribute('content') ?? '';
const TOKEN_HEADERS = { 'x-reglament-token': LOCAL_TOKEN };

async function post<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...TOKEN_HEADERS }, body: JSON.stringify(body) });
  } catch (e) {
    throw new HostError(String(e), 'network', { detail: e instanceof Error ? e.message : String(e) });
  }
  const data = (await res.json().catch(() => ({ error: `${path}: HTTP ${res.status}` }))) as T & { error?: string; code?: string; params?: Record<string, string | number> };
  if (!res.ok) throw new HostError(data.error ?? `${path}: HTTP ${res.status}`, data.code, data.params ?? {});
  return data;
}

/** The sentence for an error: translated when the host gave a known code, else its own message. */
function errorText(e: unknown): string {
  if (e instanceof HostError && e.code && (TEXT.en[`error.${e.code}`] !== undefined)) {
    const vars: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(e.params)) vars[k] = (k === 'to' || k === 'now') && typeof v === 'number' ? fmtWhen(v) : v;
    return t(`error.${e.code}`, vars);
  }
  return e instanceof Error ? e.message : String(e);
}

// ------------------------------------------------------------------ state

async function load(): Promise<void> {
  const q = new URLSearchParams({ user: prefs.user, project: prefs.project, issue: prefs.issue });
  const res = await fetch(`/__local/state?${q.toString()}`, { headers: TOKEN_HEADERS });
  state = (await res.json()) as HostState;
  const banner = $('preparing');
  banner.hidden = state.ready;
  banner.textContent = state.preparing;
  if (!state.ready) {
    window.setTimeout(() => void load(), 1500);
    return;
  }
  clockBase = { sim: state.now, real: Date.now() };
  if (state.user) prefs.user = state.user.accountId;
  prefs.project = state.project;
  const first = sortedQueue(state.queue)[0];
  if (!state.issue && first) {
    prefs.issue = first.key;
    savePrefs();
    return load();
  }
  savePrefs();
  render();
}

function simNow(): number {
  return clockBase.sim + (Date.now() - clockBase.real);
}

// ------------------------------------------------------------------ bridge

function contextFor(frame: Frame): Record<string, unknown> {
  const s = state!;
  const user = frame.as ?? s.user!;
  return {
    accountId: user.accountId,
    cloudId: s.cloudId,
    workspaceId: s.cloudId,
    siteUrl: s.siteUrl,
    locale: prefs.lang === 'ru' ? 'ru-RU' : 'en-US',
    timezone: user.timeZone,
    theme: { colorMode: prefs.theme },
    moduleKey: frame.moduleKey,
    localId: `${s.appId.replace('::app/', '::extension/')}/local-env/static/${frame.moduleKey}`,
    environmentId: 'local-env',
    environmentType: 'DEVELOPMENT',
    license: { active: true },
    userAccess: { enabled: true, hasAccess: true },
    extension: frame.extension,
  };
}

function applyTheming(frame: Frame): void {
  const root = frame.iframe.contentDocument?.documentElement;
  if (!root) return;
  root.setAttribute('data-color-mode', prefs.theme);
  root.setAttribute('data-theme', 'light:light dark:dark');
}

async function callBridge(frameId: string, name: string, payload: unknown): Promise<unknown> {
  const frame = frames.get(frameId);
  if (!frame || !state?.user) throw new Error(`local host: unknown frame ${frameId}`);
  const p = (payload ?? {}) as Record<string, unknown>;
  const user = frame.as ?? state.user;
  switch (name) {
    case 'invoke':
      return post('/__local/invoke', {
        functionKey: p.functionKey,
        payload: p.payload ?? {},
        context: { accountId: user.accountId, moduleKey: frame.moduleKey, extension: frame.extension, locale: prefs.lang === 'ru' ? 'ru-RU' : 'en-US', timezone: user.timeZone },
      });
    case 'getContext':
      return contextFor(frame);
    case 'on': {
      const event = String(p.event);
      const cb = p.callback as Listener;
      const set = frame.listeners.get(event) ?? new Set<Listener>();
      set.add(cb);
      frame.listeners.set(event, set);
      return { unsubscribe: () => set.delete(cb) };
    }
    case 'emit':
      for (const f of frames.values()) if (f !== frame) for (const cb of f.listeners.get(String(p.event)) ?? []) cb(p.payload);
      return undefined;
    case 'enableTheming':
      applyTheming(frame);
      return undefined;
    case 'submit':
      if (!frame.onSubmit) throw new Error('this module is not submittable');
      await frame.onSubmit(payload);
      return true;
    case 'close':
      ($('editor-dialog') as HTMLDialogElement).close();
      return true;
    case 'refresh':
      await load();
      return true;
    case 'fetchProduct': {
      const init = (p.fetchRequestInit ?? {}) as { method?: string; body?: string };
      return post('/__local/jira', { accountId: user.accountId, restPath: p.restPath, method: init.method ?? 'GET', ...(typeof init.body === 'string' ? { body: init.body } : {}) });
    }
    case 'showFlag':
      toast(String((p as { title?: unknown }).title ?? ''));
      return { id: String(Date.now()) };
    case 'navigate': {
      // router.open / router.navigate: an issue link opens the request here, as Jira opens the issue.
      const url = String(p.url ?? '');
      const issue = /^\/browse\/([A-Z][A-Z0-9_]*-\d+)$/.exec(url);
      if (issue?.[1]) {
        openIssueHere(issue[1]);
        return undefined;
      }
      if (p.type === 'new-tab') window.open(url, '_blank', 'noopener');
      else window.location.assign(url);
      return undefined;
    }
    case 'getFrameId':
      return frameId;
    case 'emitReadyEvent':
    case 'changeWindowTitle':
    case 'initFeatureFlags':
    case 'resize':
      return undefined;
    default:
      throw new Error(`local host: the bridge call '${name}' is not emulated`);
  }
}

window.__reglamentHost = { callBridge };

/** (Re)loads an iframe when what it shows changed; otherwise keeps it (and its state). */
function mountFrame(iframe: HTMLIFrameElement, module: ModuleRef, extension: Record<string, unknown>, onSubmit?: (v: unknown) => Promise<void>, as?: User): void {
  const user = as ?? state!.user!;
  const signature = JSON.stringify([module.key, extension, user.accountId, prefs.lang, prefs.theme]);
  const existing = [...frames.values()].find((f) => f.iframe === iframe);
  if (existing && existing.signature === signature) {
    if (onSubmit) existing.onSubmit = onSubmit;
    return;
  }
  if (existing) frames.delete(existing.id);
  const id = `f${++frameSeq}`;
  const frame: Frame = { id, iframe, moduleKey: module.key, extension, listeners: new Map(), signature, ...(onSubmit ? { onSubmit } : {}), ...(as ? { as } : {}) };
  frames.set(id, frame);
  iframe.src = `/app/${module.app}/index.html?frame=${id}`;
}

/** An event the product raises in one frame (e.g. Automation's AUTOMATION_ACTION_SUBMIT to its config form). */
function emitTo(iframe: HTMLIFrameElement, event: string, payload?: unknown): boolean {
  const frame = [...frames.values()].find((f) => f.iframe === iframe);
  const listeners = [...(frame?.listeners.get(event) ?? [])];
  for (const cb of listeners) cb(payload);
  return listeners.length > 0;
}

function emitIssueChanged(changeType: 'updated' | 'commented'): void {
  const issue = state?.issue;
  if (!issue) return;
  const payload = { issueId: issue.id, projectId: issue.project.id, changes: [{ changeType, atlassianId: state!.user!.accountId }] };
  for (const f of frames.values()) for (const cb of f.listeners.get('JIRA_ISSUE_CHANGED') ?? []) cb(payload);
}

// ------------------------------------------------------------------ actions

async function action(body: Record<string, unknown>, change: 'updated' | 'commented' = 'updated'): Promise<void> {
  try {
    const r = await post<{ result: { key?: string } | null }>('/__local/action', { ...body, as: state!.user!.accountId });
    if (body.kind === 'create' && r.result?.key) prefs.issue = r.result.key;
    savePrefs();
    await load();
    emitIssueChanged(change);
  } catch (e) {
    toast(errorText(e), true);
  }
}

async function moveTime(body: Record<string, unknown>): Promise<void> {
  setBusy(true);
  try {
    const r = await post<{ to: number; sweeps: number; calendar?: string; calendarNames?: { ru?: string; en?: string } }>('/__local/time', body);
    await load();
    emitIssueChanged('updated');
    const calendar = r.calendarNames?.[prefs.lang] ?? r.calendar ?? '';
    toast(t(r.calendar ? 'toast.advancedWorking' : 'toast.advanced', { when: fmtWhen(r.to), sweeps: r.sweeps, calendar }));
  } catch (e) {
    toast(errorText(e), true);
  } finally {
    setBusy(false);
  }
}

function setBusy(busy: boolean): void {
  document.querySelectorAll<HTMLButtonElement>('.timebar button').forEach((b) => (b.disabled = busy));
}

// ------------------------------------------------------------------ render

function renderStatic(): void {
  document.documentElement.lang = prefs.lang;
  document.title = t('brand');
  document.documentElement.setAttribute('data-color-mode', prefs.theme);
  document.querySelectorAll<HTMLElement>('[data-t]').forEach((n) => (n.textContent = t(n.dataset.t!)));
  document.querySelectorAll<HTMLElement>('[data-t-title]').forEach((n) => (n.title = t(n.dataset.tTitle!)));
  document.querySelectorAll<HTMLElement>('[data-t-aria]').forEach((n) => n.setAttribute('aria-label', t(n.dataset.tAria!)));
  ($('lang-select') as HTMLSelectElement).value = prefs.lang;
  ($('theme-select') as HTMLSelectElement).value = prefs.theme;
  ($('sort-select') as HTMLSelectElement).value = prefs.sort;
  if (state) ($('fault-select') as HTMLSelectElement).value = String(state.faults?.rate ?? 0);
  document.querySelectorAll<HTMLButtonElement>('.tabs button').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === prefs.tab)));
  $('issues-view').hidden = prefs.tab !== 'issues';
  $('admin-view').hidden = prefs.tab !== 'admin';
  $('reports-view').hidden = prefs.tab !== 'reports';
  $('jql-view').hidden = prefs.tab !== 'jql';
  $('dashboard-view').hidden = prefs.tab !== 'dashboard';
  $('portal-view').hidden = prefs.tab !== 'portal';
}

/** Open requests by their nearest due (overdue first), then the rest newest first; or newest first. */
function sortedQueue(rows: QueueRow[]): QueueRow[] {
  const newest = (a: QueueRow, b: QueueRow): number => b.created - a.created || b.key.localeCompare(a.key, 'en', { numeric: true });
  if (prefs.sort === 'newest') return [...rows].sort(newest);
  // 0: a clock is ticking towards a due; 1: open but nothing due (paused, waiting); 2: done.
  const rank = (r: QueueRow): number => (r.statusCategory === 'done' ? 2 : r.due !== null && r.sla !== 'met' ? 0 : 1);
  return [...rows].sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? a.due! - b.due! : 0) || newest(a, b));
}

function render(): void {
  const s = state!;
  renderStatic();
  const userSel = $('user-select') as HTMLSelectElement;
  userSel.replaceChildren(...s.users.map((u) => el('option', { value: u.accountId }, `${u.displayName} — ${t(`role.${u.role}`)}`)));
  userSel.value = s.user?.accountId ?? '';
  const projSel = $('project-select') as HTMLSelectElement;
  projSel.replaceChildren(...s.projects.map((p) => el('option', { value: p.key }, `${p.name} (${p.key})`)));
  projSel.value = s.project;
  $('sim-now').textContent = fmtWhen(simNow());
  $('sim-now').title = `${userZone()} · ${t('data.path', { path: s.dataPath })}`;
  const jump = $('jump-to') as HTMLInputElement;
  // Starts from the simulated now, so a jump is an edit of a nearby date, not typing a whole one.
  if (document.activeElement !== jump) jump.value = shownInput(simNow());
  jump.placeholder = t('time.jumpFormat');
  jump.title = t('time.jumpTitle', { zone: `${userZone()}, ${zoneName(simNow())}` });
  jump.setAttribute('aria-label', jump.title);

  const queue = $('queue');
  queue.replaceChildren(
    ...(s.queue.length === 0
      ? [el('li', { class: 'empty' }, t('queue.empty'))]
      : sortedQueue(s.queue).map((row) => {
          const b = el(
            'button',
            { type: 'button', 'data-key': row.key, 'aria-current': String(row.key === s.issue?.key), ...(row.due !== null && row.sla !== 'met' && row.statusCategory !== 'done' ? { 'data-due': String(row.due) } : {}) },
            el('span', { class: 'q-key' }, row.key),
            el(
              'span',
              { class: 'q-tags' },
              el('span', { class: `lozenge lozenge--${row.statusCategory}` }, statusName(row.status)),
              row.sla ? el('span', { class: `lozenge lozenge--sla-${row.sla}`, 'data-sla': row.sla, title: 'SLA' }, t(`sla.${row.sla}`)) : null,
            ),
            el('span', { class: 'q-summary', title: row.summary }, row.summary),
            row.due !== null && row.sla !== 'met' ? el('span', { class: `q-due q-due--${row.sla ?? 'none'}` }, t('queue.due', { when: fmtWhen(row.due) })) : null,
          );
          b.addEventListener('click', () => {
            prefs.issue = row.key;
            void load();
          });
          return el('li', {}, b);
        })),
  );
  // The open request stays in sight in a long queue (after a reload, a sort or a jump).
  queue.querySelector<HTMLElement>('button[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  renderIssue();
  renderFrames();
}

function renderIssue(): void {
  const s = state!;
  const box = $('issue');
  const issue = s.issue;
  if (!issue || !s.user) {
    box.replaceChildren(el('p', { class: 'empty' }, t('issue.none')));
    return;
  }
  const role = s.user.role;
  const statusLozenge = el('span', { class: `lozenge lozenge--${issue.status.category}`, 'data-testid': 'issue-status' }, statusName(issue.status.name));
  const transitions = el(
    'div',
    { class: 'row' },
    statusLozenge,
    ...issue.transitions.map((tr) => {
      const b = el('button', { type: 'button', class: 'btn', 'data-transition': tr.to }, t('transition.to', { status: statusName(tr.to) }));
      b.addEventListener('click', () => void action({ kind: 'transition', key: issue.key, status: tr.to }));
      return b;
    }),
  );
  // What the manifest's formatter shows for the choice fields in Jira's navigator: the name, else the id.
  const formatted = (v: unknown): string => {
    const o = (typeof v === 'object' && v !== null ? v : {}) as { id?: unknown; name?: unknown };
    return typeof o.name === 'string' && o.name !== '' ? o.name : typeof o.id === 'string' ? o.id : JSON.stringify(v);
  };
  const fieldRow = (module: string, editable: 'package' | 'priority' | null): HTMLElement[] => {
    const f = issue.fields[module];
    if (!f) return [];
    const v = f.value;
    const shown = v === null || v === undefined ? t('issue.empty') : typeof v === 'string' ? (f.type === 'datetime' ? fmtWhen(Date.parse(v)) : v) : formatted(v);
    const dd = el('dd', { 'data-field': module }, el('span', {}, shown));
    if (editable && role !== 'customer') {
      const b = el('button', { type: 'button', class: 'btn btn--subtle', 'data-edit': editable }, t('issue.edit'));
      b.addEventListener('click', () => openEditor(editable));
      dd.append(b);
    }
    const locale = prefs.lang === 'ru' ? 'ru-RU' : 'en-US';
    // Jira shows a field under its name in the user's locale (the manifest's translations).
    const label = f.names?.[locale] ?? (TEXT[prefs.lang][`field.${module}`] !== undefined ? t(`field.${module}`) : f.name);
    return [el('dt', {}, label), dd];
  };
  // Comments and status changes in one timeline, as Jira's "All" activity shows them: the
  // auto-close by the app is visible here, not only in the SLA panel.
  const entries: Array<{ at: number; node: HTMLElement }> = [
    ...issue.comments.map((c) => ({
      at: c.created,
      node: el(
        'li',
        { class: c.internal ? 'comment comment--internal' : 'comment' },
        el('div', { class: 'comment__meta' }, `${c.author ?? c.authorId} · ${fmtWhen(c.created)}${c.internal ? ` · ${t('comment.internalTag')}` : ''}`),
        el('div', { class: 'comment__body' }, c.body),
      ),
    })),
    ...(issue.history ?? []).flatMap((h) =>
      h.items
        .filter((i) => i.field === 'status')
        .map((i) => ({
          at: h.at,
          node: el(
            'li',
            { class: 'comment comment--history', 'data-history': 'status' },
            el('div', { class: 'comment__meta' }, `${h.author ?? '—'} · ${fmtWhen(h.at)}`),
            el('div', { class: 'comment__body' }, t('history.status', { from: statusName(i.from ?? '—'), to: statusName(i.to ?? '—') })),
          ),
        })),
    ),
  ].sort((a, b) => a.at - b.at);
  const comments = el(
    'ol',
    { class: 'comments', 'data-testid': 'comments' },
    ...(entries.length === 0 ? [el('li', { class: 'empty' }, t('issue.noComments'))] : entries.map((e) => e.node)),
  );
  const textarea = el('textarea', { rows: '3', placeholder: t('comment.placeholder'), 'data-testid': 'comment-text' });
  const send = (internal: boolean) => () => {
    const body = textarea.value.trim();
    if (!body) {
      toast(t('comment.empty'), true);
      textarea.focus();
      return;
    }
    void action({ kind: 'comment', key: issue.key, body, internal }, 'commented');
  };
  const buttons: HTMLElement[] = [];
  if (role === 'customer') {
    const b = el('button', { type: 'button', class: 'btn btn--primary', 'data-testid': 'comment-send' }, t('comment.customer'));
    b.addEventListener('click', send(false));
    buttons.push(b);
  } else {
    const reply = el('button', { type: 'button', class: 'btn btn--primary', 'data-testid': 'comment-send' }, t('comment.reply'));
    reply.addEventListener('click', send(false));
    const internal = el('button', { type: 'button', class: 'btn', 'data-testid': 'comment-internal' }, t('comment.internal'));
    internal.addEventListener('click', send(true));
    buttons.push(reply, internal);
  }
  box.replaceChildren(
    el('div', { class: 'crumbs' }, `${issue.project.name} / `, el('span', { 'data-testid': 'issue-key' }, issue.key)),
    el('h1', { 'data-testid': 'issue-summary' }, issue.summary),
    transitions,
    el('h2', { class: 'section-title' }, t('issue.description')),
    el('div', { class: 'description' }, issue.description || '—'),
    el('h2', { class: 'section-title' }, t('issue.details')),
    el(
      'dl',
      { class: 'details' },
      el('dt', {}, t('issue.reporter')),
      el('dd', {}, issue.reporter.name ?? issue.reporter.accountId),
      el('dt', {}, t('issue.created')),
      el('dd', {}, fmtWhen(issue.created)),
      ...fieldRow('sla-service-package', 'package'),
      ...fieldRow('sla-priority', 'priority'),
      ...fieldRow('sla-reaction-due', null),
      ...fieldRow('sla-resolution-due', null),
    ),
    el('h2', { class: 'section-title' }, t('issue.comments')),
    comments,
    el('div', { class: 'comment-form' }, textarea, el('div', { class: 'row' }, ...buttons)),
  );
}

function renderFrames(): void {
  const s = state!;
  const issue = s.issue;
  if (issue) {
    const ext = {
      issue: { id: issue.id, key: issue.key, type: 'Support request', typeId: '10100' },
      project: { id: issue.project.id, key: issue.project.key, type: 'service_desk' },
    };
    mountFrame($('frame-context') as HTMLIFrameElement, s.modules.issueContext, { type: 'jira:issueContext', ...ext });
    mountFrame($('frame-panel') as HTMLIFrameElement, s.modules.issuePanel, { type: 'jira:issuePanel', ...ext, isNewToIssue: false });
  }
  if (prefs.tab === 'admin') mountFrame($('frame-admin') as HTMLIFrameElement, s.modules.adminPage, { type: 'jira:adminPage' });
  const project = s.projects.find((p) => p.key === s.project);
  if (prefs.tab === 'reports' && project) {
    mountFrame($('frame-reports') as HTMLIFrameElement, s.modules.projectPage, { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'service_desk' } });
  }
  surfaces.render(prefs.tab);
}

const surfaces = createSurfaces({
  state: () => state,
  lang: () => prefs.lang,
  t,
  post,
  errorText,
  mountFrame,
  emitTo,
  reload: load,
  openIssue: (key) => openIssueHere(key),
});

/** Shows a request in the Requests tab (links from the apps, the surfaces). */
function openIssueHere(key: string): void {
  prefs.project = key.replace(/-\d+$/, '');
  prefs.issue = key;
  prefs.tab = 'issues';
  savePrefs();
  void load();
}

function openEditor(field: 'package' | 'priority'): void {
  const s = state!;
  const issue = s.issue!;
  const mod = s.modules.fieldEditors[field];
  const f = issue.fields[mod.key];
  const dialog = $('editor-dialog') as HTMLDialogElement;
  // A fresh frame each time: Jira mounts the edit experience anew for every edit.
  const old = [...frames.values()].find((x) => x.iframe.id === 'frame-editor');
  if (old) frames.delete(old.id);
  mountFrame(
    $('frame-editor') as HTMLIFrameElement,
    mod,
    {
      type: 'jira:customField',
      fieldId: mod.fieldId,
      fieldType: 'object',
      fieldValue: f?.value ?? null,
      renderContext: 'issue-view',
      experience: 'issue-view',
      issue: { id: issue.id, key: issue.key, type: 'Support request', typeId: '10100' },
      project: { id: issue.project.id, key: issue.project.key, type: 'service_desk' },
    },
    async (value) => {
      dialog.close();
      await action({ kind: 'setField', key: issue.key, field, value: (value ?? null) as string | { id: string; name?: string } | null });
    },
  );
  dialog.showModal();
}

/**
 * Jira sizes a field editor to its content; here the dialog follows the frame's document height
 * (same origin) up to most of the window, and Escape inside the frame closes it as outside does.
 */
function fitEditor(): void {
  const iframe = $('frame-editor') as HTMLIFrameElement;
  const dialog = $('editor-dialog') as HTMLDialogElement;
  iframe.addEventListener('load', () => {
    const doc = iframe.contentDocument;
    if (!doc) return;
    doc.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') dialog.close();
    });
    const fit = (): void => {
      const h = Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
      iframe.style.height = `${Math.min(Math.max(h, 120), Math.floor(window.innerHeight * 0.85))}px`;
    };
    fit();
    if (doc.body) new ResizeObserver(fit).observe(doc.body);
  });
  // A click on the backdrop (outside the dialog box) cancels, as in Jira.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
}

/**
 * Jira sizes a Custom UI frame to its content; a fixed strip cut the context's clock list under the
 * badge. The context frame follows its content (capped at half the window, so the panel keeps its
 * room at 1400 px); the panel frame fills its column when the page is wide, and follows its content
 * when the column goes under the request (narrow page), where filling it left 0 px.
 */
function fitFrames(): void {
  const narrow = window.matchMedia('(max-width: 1080px)');
  const fits: Array<() => void> = [];
  const follow = (id: string, height: (content: number) => string): void => {
    const iframe = $(id) as HTMLIFrameElement;
    iframe.addEventListener('load', () => {
      const doc = iframe.contentDocument;
      if (!doc?.body) return;
      // The body's own box, not the document's scroll height, which never shrinks below the frame.
      const fit = (): void => void (iframe.style.height = height(Math.ceil(doc.body.getBoundingClientRect().height)));
      fit();
      fits.push(fit);
      new ResizeObserver(fit).observe(doc.body);
    });
  };
  follow('frame-context', (h) => `${Math.min(Math.max(h, 34), Math.floor(window.innerHeight * 0.5))}px`);
  follow('frame-panel', (h) => (narrow.matches ? `${Math.max(h, 120)}px` : ''));
  narrow.addEventListener('change', () => fits.forEach((f) => f()));
}

// ------------------------------------------------------------------ wiring

function wire(): void {
  document.querySelectorAll<HTMLButtonElement>('.tabs button').forEach((b) =>
    b.addEventListener('click', () => {
      prefs.tab = isTab(b.dataset.tab) ? b.dataset.tab : 'issues';
      savePrefs();
      render();
    }),
  );
  ($('user-select') as HTMLSelectElement).addEventListener('change', (e) => {
    prefs.user = (e.target as HTMLSelectElement).value;
    void load();
  });
  ($('project-select') as HTMLSelectElement).addEventListener('change', (e) => {
    prefs.project = (e.target as HTMLSelectElement).value;
    prefs.issue = '';
    void load();
  });
  ($('sort-select') as HTMLSelectElement).addEventListener('change', (e) => {
    prefs.sort = (e.target as HTMLSelectElement).value === 'newest' ? 'newest' : 'due';
    savePrefs();
    render();
  });
  ($('lang-select') as HTMLSelectElement).addEventListener('change', (e) => {
    prefs.lang = (e.target as HTMLSelectElement).value === 'en' ? 'en' : 'ru';
    savePrefs();
    render();
  });
  ($('theme-select') as HTMLSelectElement).addEventListener('change', (e) => {
    prefs.theme = (e.target as HTMLSelectElement).value === 'dark' ? 'dark' : 'light';
    savePrefs();
    render();
  });
  ($('fault-select') as HTMLSelectElement).addEventListener('change', (e) => {
    const rate = Number((e.target as HTMLSelectElement).value);
    void post('/__local/faults', { rate })
      .then(() => toast(t('toast.faults', { percent: `${Math.round(rate * 100)}%` })))
      .catch((err: unknown) => toast(errorText(err), true));
  });
  document.querySelectorAll<HTMLButtonElement>('[data-time]').forEach((b) =>
    b.addEventListener('click', () => void moveTime(b.dataset.time === 'workingHour' ? { op: 'workingHour', projectKey: prefs.project } : { op: b.dataset.time })),
  );
  $('jump').addEventListener('click', () => {
    const typed = ($('jump-to') as HTMLInputElement).value;
    // The picker's wall-clock time means the zone simulated time is shown in (the user's), not the browser's.
    if (!typed.trim()) return;
    const v = readInput(typed);
    if (v === null) {
      toast(t('error.jumpFormat', { value: typed.trim(), format: t('time.jumpFormat') }), true);
      return;
    }
    // Said here rather than by a refused request (which the browser would log as a failed load).
    if (v < localInput(simNow())) {
      toast(t('error.timeBackwards', { to: typed.trim(), now: fmtWhen(simNow()) }), true);
      return;
    }
    void moveTime({ op: 'toLocal', local: v, timeZone: userZone() });
  });
  $('sweep').addEventListener('click', () => {
    void post('/__local/sweep', {})
      .then(async () => {
        await load();
        emitIssueChanged('updated');
        toast(t('toast.sweep'));
      })
      .catch((e: unknown) => toast(errorText(e), true));
  });
  const dialog = $('create-dialog') as HTMLDialogElement;
  $('create-open').addEventListener('click', () => {
    const user = state?.user;
    if (!user || user.role !== 'customer') {
      toast(t('create.customersOnly'), true);
      return;
    }
    $('create-as').textContent = t('create.as', { name: user.displayName });
    dialog.showModal();
  });
  $('create-cancel').addEventListener('click', () => dialog.close());
  ($('create-form') as HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    dialog.close();
    void action({ kind: 'create', projectKey: prefs.project, summary: String(data.get('summary') ?? ''), description: String(data.get('description') ?? '') });
    form.reset();
  });
  window.setInterval(() => {
    if (state) $('sim-now').textContent = fmtWhen(simNow());
  }, 1000);
}

wire();
fitEditor();
fitFrames();
void load();
