// What the page's buttons ask the local host to do: a human action as the selected user, and
// moving simulated time; each reloads the page and tells the frames the issue changed.
import type { LocalRequest } from '../contract';
import { errorText, fmtWhen, hooks, page, post, prefs, savePrefs, t, toast } from './core.js';
import { emitIssueChanged } from './frames.js';

/** An action as the selected user (the page adds `as`). */
export type PageAction = LocalRequest<'/__local/action'> extends infer A ? (A extends { as: string } ? Omit<A, 'as'> : never) : never;

export async function action(body: PageAction, change: 'updated' | 'commented' = 'updated'): Promise<void> {
  try {
    const r = await post('/__local/action', { ...body, as: page.state!.user!.accountId });
    if (body.kind === 'create' && r.result?.key) prefs.issue = r.result.key;
    savePrefs();
    await hooks.reload();
    emitIssueChanged(change);
  } catch (e) {
    toast(errorText(e), true);
  }
}

export async function moveTime(body: LocalRequest<'/__local/time'>): Promise<void> {
  setBusy(true);
  try {
    const r = await post('/__local/time', body);
    await hooks.reload();
    emitIssueChanged('updated');
    const calendar = r.calendarNames?.[prefs.lang] ?? r.calendar ?? '';
    toast(t(r.calendar ? 'toast.advancedWorking' : 'toast.advanced', { when: fmtWhen(r.to), sweeps: r.sweeps, calendar }));
  } catch (e) {
    toast(errorText(e), true);
  } finally {
    setBusy(false);
  }
}

export function setBusy(busy: boolean): void {
  document.querySelectorAll<HTMLButtonElement>('.timebar button').forEach((b) => (b.disabled = busy));
}
