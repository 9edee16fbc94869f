// The dashboard gadget's pure part: its configuration (stored by Jira per gadget through
// view.submit), the period it covers, and the at-risk / breached queue it lists. No DOM, no bridge.
import type { ClockKind, Locale, QueueRow, ReportView } from '../../../src/shared/contract';
import type { Messages } from '../../shared/i18n';

export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];
export type GadgetClock = Exclude<ClockKind, 'followUp'>;

export interface GadgetConfig {
  projectKey: string;
  periodDays: PeriodDays;
  clock: GadgetClock;
}

const PROJECT = /^[A-Z][A-Z0-9_]{0,254}$/;

/** The stored configuration, or null when the gadget has not been configured (or is malformed). */
export function parseConfig(raw: unknown): GadgetConfig | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const projectKey = typeof r.projectKey === 'string' ? r.projectKey.trim().toUpperCase() : '';
  const periodDays = Number(r.periodDays);
  const clock = r.clock;
  if (!PROJECT.test(projectKey)) return null;
  if (!(PERIODS as readonly number[]).includes(periodDays)) return null;
  if (clock !== 'reaction' && clock !== 'resolution') return null;
  return { projectKey, periodDays: periodDays as PeriodDays, clock };
}

/** What is wrong with a configuration typed into the edit form (message keys), empty when fine. */
export function configProblems(draft: { projectKey: string; periodDays: number; clock: string }): GadgetKey[] {
  const out: GadgetKey[] = [];
  if (!PROJECT.test(draft.projectKey.trim().toUpperCase())) out.push('edit.badProject');
  if (!(PERIODS as readonly number[]).includes(draft.periodDays)) out.push('edit.badPeriod');
  if (draft.clock !== 'reaction' && draft.clock !== 'resolution') out.push('edit.badClock');
  return out;
}

/** Requests whose most urgent clock is breached or at risk: breached first, then the earliest due. */
export function attentionQueue(rows: readonly QueueRow[]): QueueRow[] {
  const rank = (r: QueueRow): number => (r.mostUrgent?.state === 'breached' ? 0 : 1);
  return rows
    .filter((r) => r.mostUrgent?.state === 'breached' || r.mostUrgent?.state === 'atRisk')
    .sort((a, b) => rank(a) - rank(b) || (a.mostUrgent!.remainingMinutes - b.mostUrgent!.remainingMinutes));
}

export interface Compliance {
  metPercent: number | null;
  met: number;
  breached: number;
  open: number;
  requests: number;
}

export function complianceOf(report: ReportView, clock: GadgetClock): Compliance {
  const c = report.total.clocks[clock];
  return { metPercent: c.metPercent, met: c.met, breached: c.breached, open: c.running + c.atRisk + c.paused, requests: report.total.requests };
}

const en = {
  'title': 'SLA: {project}, last {days} days',
  'compliance': '{clock} compliance',
  'compliance.none': 'Nothing judged yet',
  'compliance.detail': '{met} met, {breached} breached, {open} open of {requests} requests',
  'queue.title': 'Needs attention',
  'queue.empty': 'No request is at risk or breached.',
  'queue.left': '{left} left',
  'queue.overdue': '{overdue} overdue',
  'state.breached': 'Breached',
  'state.atRisk': 'At risk',
  'clock.reaction': 'Reaction',
  'clock.resolution': 'Resolution',
  'clock.followUp': 'Follow-up',
  'unconfigured': 'Configure the gadget: choose a project, a period and a clock.',
  'error': 'Could not load the SLA data: {message}',
  'loading': 'Loading…',
  'edit.project': 'Project key',
  'edit.period': 'Period',
  'edit.days': 'Last {days} days',
  'edit.clock': 'Clock',
  'edit.save': 'Save',
  'edit.badProject': 'Enter a project key such as SUP.',
  'edit.badPeriod': 'Choose a period.',
  'edit.badClock': 'Choose a clock.',
} as const;
export type GadgetKey = keyof typeof en;

const ru: Messages<GadgetKey> = {
  'title': 'SLA: {project}, последние {days} дн.',
  'compliance': 'Соблюдение SLA: {clock}',
  'compliance.none': 'Пока нечего оценивать',
  'compliance.detail': 'в срок {met}, нарушено {breached}, открыто {open} из {requests} обращений',
  'queue.title': 'Требуют внимания',
  'queue.empty': 'Нет обращений под угрозой нарушения или с нарушением.',
  'queue.left': 'осталось {left}',
  'queue.overdue': 'просрочено на {overdue}',
  'state.breached': 'Нарушено',
  'state.atRisk': 'Под угрозой',
  'clock.reaction': 'Реакция',
  'clock.resolution': 'Решение',
  'clock.followUp': 'Повторная реакция',
  'unconfigured': 'Настройте гаджет: выберите проект, период и часы SLA.',
  'error': 'Не удалось загрузить данные SLA: {message}',
  'loading': 'Загрузка…',
  'edit.project': 'Ключ проекта',
  'edit.period': 'Период',
  'edit.days': 'Последние {days} дн.',
  'edit.clock': 'Часы',
  'edit.save': 'Сохранить',
  'edit.badProject': 'Введите ключ проекта, например SUP.',
  'edit.badPeriod': 'Выберите период.',
  'edit.badClock': 'Выберите часы.',
};

export const GADGET_MESSAGES: Readonly<Record<Locale, Messages<GadgetKey>>> = { en, ru };
