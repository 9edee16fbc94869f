// History details in the page language (no bridge import, so Jest tests it).
import { formatGoal } from '../../shared/format';
import type { Fmt } from './format-context';

/** The engine writes details in English words; the known ones are translated, the rest (status names, goals) shown as they are. */
export function historyDetail(detail: string, t: Fmt['t'], locale = 'en'): string {
  // A goal change "4wd → 3wd": each goal in words ("4 рабочих дня → 3 рабочих дня").
  const goals = /^(\S+) → (\S+)$/.exec(detail);
  if (goals?.[1] && goals[2]) return `${formatGoal(goals[1], locale)} → ${formatGoal(goals[2], locale)}`;
  // A met or breached clock names its goal ("30m", "24h,5bd"): in words too.
  if (/^\d/.test(detail)) return formatGoal(detail, locale);
  if (detail === 'agent comment') return t('history.detail.agentComment');
  if (detail === 'customer comment') return t('history.detail.customerComment');
  if (detail === 'priority set') return t('history.detail.prioritySet');
  const status = /^status (.+)$/.exec(detail);
  if (status?.[1]) return t('history.detail.status', { status: status[1] });
  const cycle = /^cycle (\d+)$/.exec(detail);
  if (cycle?.[1]) return t('history.detail.cycle', { n: cycle[1] });
  return detail;
}
