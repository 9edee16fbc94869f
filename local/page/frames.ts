// The app's frames: each iframe runs one UI module's real bundle, and this side plays Jira's part of
// the Custom UI bridge for it (invoke as the frame's user, getContext, events incl.
// JIRA_ISSUE_CHANGED, theming, submit/close, requestJira).
import type { HostUser, ModuleRef } from '../contract';
import { $, hooks, openIssueHere, page, post, prefs, toast } from './core.js';

type Listener = (payload: unknown) => unknown;
export interface Frame {
  id: string;
  iframe: HTMLIFrameElement;
  moduleKey: string;
  extension: FrameExtension;
  listeners: Map<string, Set<Listener>>;
  signature: string;
  onSubmit?: (value: unknown) => Promise<void>;
  /** The user the frame runs as when not the selected one (the portal view: the request's reporter). */
  as?: HostUser;
}

/** The `extension` of a frame's context: the module type and what it is about (issue, project, field). */
export type FrameExtension = { type: string } & Record<string, unknown>;

export const frames = new Map<string, Frame>();
let frameSeq = 0;

declare global {
  interface Window {
    __reglamentHost?: { callBridge(frameId: string, name: string, payload: unknown): Promise<unknown> };
  }
}

// ------------------------------------------------------------------ bridge

function contextFor(frame: Frame): Record<string, unknown> {
  const s = page.state!;
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
  if (!frame || !page.state?.user) throw new Error(`local host: unknown frame ${frameId}`);
  const p = (payload ?? {}) as Record<string, unknown>;
  const user = frame.as ?? page.state.user;
  switch (name) {
    case 'invoke':
      return post('/__local/invoke', {
        // The frame's arguments as given: the server's schema refuses what is not a function key.
        functionKey: p.functionKey as string,
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
      await hooks.reload();
      return true;
    case 'fetchProduct': {
      const init = (p.fetchRequestInit ?? {}) as { method?: string; body?: string };
      return post('/__local/jira', { accountId: user.accountId, restPath: p.restPath as string, method: init.method ?? 'GET', ...(typeof init.body === 'string' ? { body: init.body } : {}) });
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

/** (Re)loads an iframe when what it shows changed; otherwise keeps it (and its page.state). */
export function mountFrame(iframe: HTMLIFrameElement, module: ModuleRef, extension: FrameExtension, onSubmit?: (v: unknown) => Promise<void>, as?: HostUser): void {
  const user = as ?? page.state!.user!;
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
export function emitTo(iframe: HTMLIFrameElement, event: string, payload?: unknown): boolean {
  const frame = [...frames.values()].find((f) => f.iframe === iframe);
  const listeners = [...(frame?.listeners.get(event) ?? [])];
  for (const cb of listeners) cb(payload);
  return listeners.length > 0;
}

export function emitIssueChanged(changeType: 'updated' | 'commented'): void {
  const issue = page.state?.issue;
  if (!issue) return;
  const payload = { issueId: issue.id, projectId: issue.project.id, changes: [{ changeType, atlassianId: page.state!.user!.accountId }] };
  for (const f of frames.values()) for (const cb of f.listeners.get('JIRA_ISSUE_CHANGED') ?? []) cb(payload);
}
