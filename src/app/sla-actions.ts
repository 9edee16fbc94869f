// Notifications and actions (issue 7): when a clock becomes at risk or breaches, the configured
// actions run (Jira notify e-mail, a label, an internal note); a resolved request gets public
// notices before and when it auto-closes.
//
// Exactly once per clock cycle. A cycle is named by the clock kind and the instant it started:
// reaction and resolution have one cycle per request (they start at creation; a resolution that is
// reopened and breaches again is the same cycle), each follow-up cycle starts at the customer
// comment that opened it. The fired key is `<clock>:<cycleStartMs>:<trigger>:<action>` (auto-close
// notices: `autoClose:<autoCloseAtMs>:<before|onClose>:notice`, so a request resolved again gets
// new notices). Before acting, a KVS create-if-absent marker `act:<issueId>:<key>` is written:
// whoever creates it acts, everyone else (a second or concurrent sweep, the trigger) skips. A
// failed action deletes its marker and brings the issue's next check forward, so the next sweep
// retries it; a failure that leaves the outcome unknown (Jira may have applied it, the answer was
// lost) keeps the marker: the adapter has already checked for a comment or transition before
// giving up, and an e-mail cannot be checked, so at most once wins over at least once. The markers are the only record: the issue property stays a pure function of
// (config, history, now), so concurrent writers of it converge on the same value.

import { actionId, NO_ACTIONS } from '../config';
import { parsePeriod } from '../domain/sla';
import { calendarForPackage } from '../domain/sla/calendar-of';
import { dueLadderSteps, ladderOf, ladderStepKey, nextLadderAt, type LadderStep } from '../domain/sla/escalation';
import type { ActionClock, ActionTrigger, Clock, ClockSet, EscalationAction, SlaAction, SlaActions, SlaConfig } from '../domain/sla/types';
import type { Locale } from '../shared/contract';
import { customerDateTime, periodText } from './customer-text';
import { AmbiguousWriteError, RefusedError } from './errors';
import type { AfterComputeStep, Computed } from './computed';
import type { Directory, IssueActions, KeyValueStore, Logger, NotifyMessage } from './ports';
import { isRole } from './status-role';
import { isoSecond, parseJiraInstant } from './stored-sla';

export { periodText } from './customer-text';

export interface ActionDeps {
  readonly jira: IssueActions & Pick<Directory, 'userLocale'>;
  readonly store: KeyValueStore;
  readonly log: Logger;
}

/** A failed action is tried again by the sweep after this long. */
export const ACTION_RETRY_MS = 5 * 60_000;
/** A breach first seen after its clock stopped still fires within this long of the stop; older ones are history. */
export const STALE_BREACH_MS = 24 * 60 * 60_000;
/** Markers outlive any cycle a request can have (a request breached and still open after 400 days would be told again). */
const MARKER_TTL_SECONDS = 400 * 86_400;

export function actionsOf(config: SlaConfig): SlaActions {
  return config.actions ?? NO_ACTIONS;
}

export type NoticeWhen = 'before' | 'onClose';

export type PlannedAction =
  | { readonly key: string; readonly kind: 'clock'; readonly clock: ActionClock; readonly trigger: ActionTrigger; readonly action: SlaAction; readonly subject: Clock }
  | { readonly key: string; readonly kind: 'autoCloseNotice'; readonly when: NoticeWhen; readonly autoCloseAt: number }
  /** One action of an escalation level's step (issue 15): once per level occurrence and clock cycle. */
  | { readonly key: string; readonly kind: 'ladder'; readonly clock: ActionClock; readonly step: LadderStep<EscalationAction>; readonly action: EscalationAction; readonly subject: Clock };

/** FNV-1a: KVS keys allow only [a-zA-Z0-9:._ -#], labels may be Cyrillic. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function keyPart(a: SlaAction): string {
  return a.kind === 'label' ? `label-${hash(a.label)}` : actionId(a);
}

export function clockActionKey(clock: ActionClock, cycleStart: number, trigger: ActionTrigger, action: SlaAction): string {
  return `${clock}:${cycleStart}:${trigger}:${keyPart(action)}`;
}

export function noticeKey(autoCloseAt: number, when: NoticeWhen): string {
  return `autoClose:${autoCloseAt}:${when}:notice`;
}

export function markerKey(issueId: string, key: string): string {
  return `act:${issueId}:${key}`;
}

/** When the "before auto-close" notice is due, or null when it is off or nothing is scheduled. */
export function noticeAt(config: SlaConfig, clocks: Pick<ClockSet, 'autoClose'>): number | null {
  const before = actionsOf(config).autoCloseNotice.before;
  if (before === null || clocks.autoClose === null) return null;
  const ms = parsePeriod(before);
  return ms === null ? null : clocks.autoClose.at - ms;
}

/**
 * The next check the stored property should carry: the clocks' own, or the before-auto-close notice
 * when it comes first. Rounded up to the second Jira stores, so the sweep never wakes a moment early.
 */
export function nextCheckWithNotice(config: SlaConfig, clocks: ClockSet, nowMs: number): number | null {
  const at = noticeAt(config, clocks);
  const notice = at === null || at <= nowMs ? null : Math.ceil(at / 1000) * 1000;
  return earliest(earliest(clocks.nextCheckAt, notice), nextLadderCheck(config, clocks, nowMs));
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null || a <= b ? a : b;
}

function clocksOf(clocks: Pick<ClockSet, 'reaction' | 'resolution' | 'followUp'>): Array<[ActionClock, Clock | null]> {
  return [
    ['reaction', clocks.reaction],
    ['resolution', clocks.resolution],
    ['followUp', clocks.followUp],
  ];
}

/** When the next escalation step of any clock is due (the sweep must wake then), or null. */
export function nextLadderCheck(config: SlaConfig, clocks: ClockSet, nowMs: number): number | null {
  const ladders = config.escalation;
  if (!ladders) return null;
  let next: number | null = null;
  for (const [clock, c] of clocksOf(clocks)) {
    const levels = ladders[clock];
    if (c === null || !levels || levels.length === 0) continue;
    next = earliest(next, nextLadderAt(ladderOf(levels), c, calendarForPackage(config, c.packageId).cal, nowMs));
  }
  return next;
}

export function ladderActionKey(clock: ActionClock, cycleStart: number, step: Pick<LadderStep, 'level' | 'occurrence'>, action: EscalationAction): string {
  const part = action.kind === 'label' ? `label-${hash(action.label)}` : action.kind;
  return `ladder:${clock}:${cycleStart}:${ladderStepKey(step)}:${part}`;
}

function triggerOf(c: Clock, nowMs: number): ActionTrigger | null {
  if (c.state === 'atRisk') return 'atRisk';
  if (c.state !== 'breached') return null;
  if (c.stoppedAt !== null && nowMs - c.stoppedAt > STALE_BREACH_MS) return null;
  return 'breached';
}

/**
 * What should have fired by now for these clocks (pure). At risk fires while the clock is at risk
 * (a sweep that first sees it already breached fires the breach actions only); the before notice
 * fires between its instant and the auto-close, while the request is still resolved.
 */
export function dueActions(config: SlaConfig, clocks: ClockSet, resolvedNow: boolean, nowMs: number): PlannedAction[] {
  const actions = actionsOf(config);
  const out: PlannedAction[] = [];
  const each = clocksOf(clocks);
  for (const [clock, c] of each) {
    if (c === null) continue;
    const trigger = triggerOf(c, nowMs);
    if (trigger === null) continue;
    for (const action of actions[clock][trigger]) {
      out.push({ key: clockActionKey(clock, c.startedAt, trigger, action), kind: 'clock', clock, trigger, action, subject: c });
    }
  }
  for (const [clock, c] of each) {
    const levels = config.escalation?.[clock];
    if (c === null || !levels || levels.length === 0) continue;
    for (const step of dueLadderSteps(ladderOf(levels), c, nowMs)) {
      for (const action of step.level.actions) out.push({ key: ladderActionKey(clock, c.startedAt, step, action), kind: 'ladder', clock, step, action, subject: c });
    }
  }
  const at = noticeAt(config, clocks);
  if (at !== null && clocks.autoClose !== null && resolvedNow && at <= nowMs && nowMs < clocks.autoClose.at) {
    out.push({ key: noticeKey(clocks.autoClose.at, 'before'), kind: 'autoCloseNotice', when: 'before', autoCloseAt: clocks.autoClose.at });
  }
  return out;
}

// ---------------------------------------------------------------- texts

const CLOCK_NAMES: Record<ActionClock, Record<Locale, string>> = {
  reaction: { ru: 'время реакции', en: 'reaction time' },
  resolution: { ru: 'время решения', en: 'resolution time' },
  followUp: { ru: 'реакция на дополнительную информацию', en: 'follow-up reaction' },
};

function when(zone: string, ms: number | null, locale: Locale): string {
  if (ms === null) return locale === 'ru' ? 'не установлен' : 'not set';
  return customerDateTime(zone, ms, locale);
}

function minutesText(total: number, locale: Locale): string {
  const m = Math.max(0, Math.ceil(total));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (locale === 'ru') return h > 0 ? `${h} ч ${rest} мин` : `${rest} мин`;
  return h > 0 ? `${h} h ${rest} min` : `${rest} min`;
}


export interface ClockMessage {
  readonly subject: string;
  readonly text: string;
}

/** The subject and text of an at-risk or breach notification / internal note, naming the clock, goal and due. */
export function clockMessage(p: { key: string; summary: string; clock: ActionClock; trigger: ActionTrigger; subject: Clock; zone: string }, locale: Locale): ClockMessage {
  const name = CLOCK_NAMES[p.clock][locale];
  const c = p.subject;
  const due = when(p.zone, c.due, locale);
  if (locale === 'ru') {
    if (p.trigger === 'breached') {
      return {
        subject: `${p.key}: нарушен срок (${name})`,
        text: `Обращение ${p.key} «${p.summary}»: нарушен срок — ${name}. Цель: ${c.goal}, срок истёк ${due}.`,
      };
    }
    return {
      subject: `${p.key}: срок под угрозой (${name})`,
      text: `Обращение ${p.key} «${p.summary}»: срок под угрозой — ${name}. Цель: ${c.goal}, срок: ${due}, осталось ${minutesText(c.remainingMinutes, 'ru')} рабочего времени.`,
    };
  }
  if (p.trigger === 'breached') {
    return {
      subject: `${p.key}: SLA breached (${name})`,
      text: `Request ${p.key} "${p.summary}": the ${name} goal is breached. Goal: ${c.goal}, it was due ${due}.`,
    };
  }
  return {
    subject: `${p.key}: SLA at risk (${name})`,
    text: `Request ${p.key} "${p.summary}": the ${name} goal is at risk. Goal: ${c.goal}, due ${due}, ${minutesText(c.remainingMinutes, 'en')} of working time left.`,
  };
}

/** The public comment to the customer before and when a resolved request auto-closes. */
export function noticeText(p: { key: string; when: NoticeWhen; autoCloseAt: number; period: string; zone: string }, locale: Locale): string {
  const at = when(p.zone, p.autoCloseAt, locale);
  const period = periodText(p.period, locale);
  if (locale === 'ru') {
    return p.when === 'before'
      ? `Обращение ${p.key} решено. Если вопрос остался, ответьте в этом обращении до ${at} — иначе оно будет закрыто автоматически.`
      : `Обращение ${p.key} закрыто автоматически: после решения ответа не было ${period}. Если вопрос снова актуален, создайте новое обращение.`;
  }
  return p.when === 'before'
    ? `Request ${p.key} is resolved. If anything is left, reply on this request before ${at}; otherwise it will be closed automatically.`
    : `Request ${p.key} was closed automatically: there was no reply for ${period} after it was resolved. If the question comes back, please open a new request.`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

export function notifyMessage(m: ClockMessage, to: NotifyMessage['to']): NotifyMessage {
  return { subject: m.subject, textBody: m.text, htmlBody: `<p>${escapeHtml(m.text)}</p>`, to };
}

// ---------------------------------------------------------------- running them

export interface ActionRun {
  /** Keys done now or found done by someone else. */
  fired: string[];
  failed: number;
  /** Keys Jira refused for good (a 4xx): recorded in the action log, never retried. */
  refused?: string[];
}

/** KVS prefix of the action log: one entry per refused action, shown on the admin page. */
export const ACTION_LOG_PREFIX = 'actlog:';
/** Refusals stay visible for a month. */
const ACTION_LOG_TTL_SECONDS = 30 * 86_400;

export interface ActionLogEntry {
  readonly at: number;
  readonly issueKey: string;
  readonly projectKey: string;
  readonly action: string;
  readonly status: number;
  readonly message: string;
}

export function actionLogKey(issueId: string, key: string): string {
  return `${ACTION_LOG_PREFIX}${issueId}:${key}`;
}

/**
 * Who a notify action reaches on this issue: Jira answers 400 to "to the assignee" on an unassigned
 * issue, so the assignee is dropped then; null when nobody is left (the action is skipped, and
 * fires once the issue has an assignee while the clock is still at risk or breached).
 */
export function notifyRecipients(to: NotifyMessage['to'], assigneeAccountId: string | null | undefined): NotifyMessage['to'] | null {
  const out = { ...to, assignee: to.assignee && !!assigneeAccountId };
  return out.assignee || out.watchers || out.reporter || (out.accountIds?.length ?? 0) > 0 || (out.groups?.length ?? 0) > 0 ? out : null;
}

/** Why a planned action is not attempted now, or null to attempt it. */
function skipReason(c: Computed, p: PlannedAction): string | null {
  if ((p.kind === 'clock' || p.kind === 'ladder') && p.action.kind === 'notify' && notifyRecipients(p.action.to, c.facts.assigneeAccountId) === null) {
    return 'notify has no recipient: the issue is unassigned and only the assignee is to be told';
  }
  // sd.public.comment is a JSM feature: elsewhere the "internal" note is a public comment that Jira
  // e-mails to the reporter, so it is not written at all (the admin page says so).
  if ((p.kind === 'clock' || p.kind === 'ladder') && p.action.kind === 'comment' && c.facts.projectTypeKey !== undefined && c.facts.projectTypeKey !== 'service_desk') {
    return `internal notes exist only in service projects; ${c.facts.projectKey} is ${c.facts.projectTypeKey ?? 'of an unknown type'}`;
  }
  return null;
}

/** Language of a person, asked once per run; Russian when Jira does not say (the regulations are Russian). */
function localeCache(deps: ActionDeps): (accountId: string | null | undefined) => Promise<Locale> {
  const cache = new Map<string, Promise<Locale>>();
  return (accountId) => {
    if (!accountId) return Promise.resolve('ru');
    let hit = cache.get(accountId);
    if (!hit) {
      hit = deps.jira.userLocale(accountId).then((l) => l ?? 'ru', () => 'ru' as const);
      cache.set(accountId, hit);
    }
    return hit;
  };
}

async function perform(deps: ActionDeps, c: Computed, p: PlannedAction, localeOf: (id: string | null | undefined) => Promise<Locale>): Promise<void> {
  const issueId = c.facts.id;
  if (p.kind === 'autoCloseNotice') {
    const period = c.active.config.autoClose?.period ?? '';
    const locale = await localeOf(c.facts.reporter.accountId);
    await deps.jira.addComment(issueId, noticeText({ key: c.facts.key, when: p.when, autoCloseAt: p.autoCloseAt, period, zone: c.clocks.timezone }, locale));
    return;
  }
  if (p.kind === 'ladder') {
    await performLadder(deps, c, p, localeOf);
    return;
  }
  const a = p.action;
  if (a.kind === 'label') {
    await deps.jira.addLabel(issueId, a.label);
    return;
  }
  // Agents read these: the assignee's language, else Russian.
  const locale = await localeOf(c.facts.assigneeAccountId);
  const msg = clockMessage({ key: c.facts.key, summary: c.facts.summary, clock: p.clock, trigger: p.trigger, subject: p.subject, zone: c.clocks.timezone }, locale);
  if (a.kind === 'notify') await deps.jira.notify(issueId, notifyMessage(msg, notifyRecipients(a.to, c.facts.assigneeAccountId) ?? a.to));
  else await deps.jira.addComment(issueId, msg.text, { internal: true });
}

async function performLadder(deps: ActionDeps, c: Computed, p: Extract<PlannedAction, { kind: 'ladder' }>, localeOf: (id: string | null | undefined) => Promise<Locale>): Promise<void> {
  const issueId = c.facts.id;
  const a = p.action;
  switch (a.kind) {
    case 'label':
      return deps.jira.addLabel(issueId, a.label);
    case 'reassign':
      return deps.jira.editIssue(issueId, { assigneeAccountId: a.accountId });
    case 'priority':
      return deps.jira.editIssue(issueId, { priorityName: a.jiraPriority });
    case 'transition': {
      const outcome = await deps.jira.transitionTo(issueId, [a.status]);
      if (outcome === 'unavailable') throw new RefusedError(`no transition to "${a.status}" from the issue's status`, 400);
      return;
    }
    case 'notify':
    case 'comment': {
      // Before the due instant the step says "at risk", from it on "breached".
      const trigger: ActionTrigger = p.step.thresholdMs >= p.subject.goalMinutes * 60_000 ? 'breached' : 'atRisk';
      const locale = await localeOf(c.facts.assigneeAccountId);
      const msg = clockMessage({ key: c.facts.key, summary: c.facts.summary, clock: p.clock, trigger, subject: p.subject, zone: c.clocks.timezone }, locale);
      if (a.kind === 'comment') return deps.jira.addComment(issueId, msg.text, { internal: true });
      return deps.jira.notify(issueId, notifyMessage(msg, notifyRecipients(a.to, c.facts.assigneeAccountId) ?? a.to));
    }
  }
}

/**
 * Runs each planned action nobody has done: marker first (create-if-absent), then the Jira call;
 * a failure removes the marker so a later run retries.
 */
export async function runPlanned(deps: ActionDeps, c: Computed, planned: readonly PlannedAction[], nowMs: number): Promise<ActionRun> {
  const run: ActionRun = { fired: [], failed: 0 };
  const localeOf = localeCache(deps);
  for (const p of planned) {
    const skip = skipReason(c, p);
    if (skip !== null) {
      deps.log.info('action skipped', { issue: c.facts.key, action: p.key, reason: skip });
      continue;
    }
    const marker = markerKey(c.facts.id, p.key);
    let mine: boolean;
    try {
      mine = await deps.store.setIfAbsent(marker, { at: nowMs }, { ttlSeconds: MARKER_TTL_SECONDS });
    } catch (e) {
      deps.log.warn('action marker not written; the next sweep retries', { issue: c.facts.key, action: p.key, message: e instanceof Error ? e.message : String(e) });
      run.failed++;
      continue;
    }
    if (!mine) {
      run.fired.push(p.key);
      continue;
    }
    try {
      await perform(deps, c, p, localeOf);
      run.fired.push(p.key);
    } catch (e) {
      if (e instanceof AmbiguousWriteError) {
        // Jira may have sent it (an e-mail cannot be checked): the marker stays, so it is never sent twice.
        deps.log.warn('action outcome unknown (answer lost); not repeated', { issue: c.facts.key, action: p.key, message: e.message });
        run.fired.push(p.key);
        continue;
      }
      if (e instanceof RefusedError && e.status !== 429) {
        // Permanent: the marker stays (no retry every sweep), the admin page shows the log entry.
        (run.refused ??= []).push(p.key);
        deps.log.warn('Jira refused the action; not retried', { issue: c.facts.key, action: p.key, status: e.status, message: e.message });
        const entry: ActionLogEntry = { at: nowMs, issueKey: c.facts.key, projectKey: c.facts.projectKey, action: p.key, status: e.status, message: e.message.slice(0, 500) };
        await deps.store.set(actionLogKey(c.facts.id, p.key), entry, { ttlSeconds: ACTION_LOG_TTL_SECONDS }).catch(() => undefined);
        continue;
      }
      run.failed++;
      deps.log.warn('action failed; the next sweep retries', { issue: c.facts.key, action: p.key, message: e instanceof Error ? e.message : String(e) });
      await deps.store.delete(marker).catch(() => undefined);
    }
  }
  applyRun(c, run, nowMs);
  return run;
}

/** A run that failed somewhere brings the request's next check forward, so the sweep retries it. */
export function applyRun(c: Computed, run: ActionRun, nowMs: number): void {
  let stored = c.stored;
  if (run.failed > 0) {
    const retry = nowMs + ACTION_RETRY_MS;
    const current = stored.nextCheckAt === null ? null : parseJiraInstant(stored.nextCheckAt);
    if (current === null || retry < current) stored = { ...stored, nextCheckAt: isoSecond(retry) };
  }
  c.stored = stored;
}

/** The at-risk / breach actions and the before-auto-close notice due for one computed request. */
export async function runDueActions(deps: ActionDeps, c: Computed, nowMs: number): Promise<ActionRun> {
  const config = c.active.config;
  return runPlanned(deps, c, dueActions(config, c.clocks, isRole(config, 'resolved', c.facts.status.name), nowMs), nowMs);
}

/** The notice when the app has just auto-closed the request (the caller holds the auto-close lock). */
export async function runCloseNotice(deps: ActionDeps, c: Computed, autoCloseAt: number, nowMs: number): Promise<ActionRun> {
  if (!actionsOf(c.active.config).autoCloseNotice.onClose) return { fired: [], failed: 0 };
  return runPlanned(deps, c, [{ key: noticeKey(autoCloseAt, 'onClose'), kind: 'autoCloseNotice', when: 'onClose', autoCloseAt }], nowMs);
}

/** The after-compute step: the at-risk/breach actions, escalation ladder and auto-close notices due. */
export function dueActionsStep(deps: ActionDeps): AfterComputeStep {
  return {
    failure: 'actions failed; will retry on the next sweep',
    async run(c, nowMs) {
      await runDueActions(deps, c, nowMs);
    },
  };
}
