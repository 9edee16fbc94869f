// The "agree a deadline" use case (issue 15): an agent who may edit the issue extends a clock by
// working time or sets an agreed due, with a reason. Stored append-only by the app, audited as an
// internal note on JSM projects, and the issue recomputed at once so its fields show the new due.

import { computeClocks } from '../domain/sla';
import { parseWorkingMinutes } from '../domain/sla/escalation';
import { formatInstant } from '../domain/time/zone';
import type { IssueSlaView } from '../shared/contract';
import { appendAgreement, loadAgreements, REASON_MAX, toSlaAgreement, type StoredAgreement } from './agreements';
import type { ActiveConfigs, ConfigLookup } from './config-store';
import { AppError } from './errors';
import { getIssueSla } from './issue-view';
import type { Directory, KeyValueStore, Logger, RequestSource, UserPermissions } from './ports';
import { recomputeIssue, type RecomputeDeps } from './recompute-issue';
import { parseJiraInstant } from './stored-sla';

export interface AgreeDeadlineInput {
  issueKey: string;
  clock: 'reaction' | 'resolution';
  /** Working time to add, like `4h`, `30m`, `1h30m`. */
  extend?: string | undefined;
  /** The agreed due instant (ISO with offset). */
  due?: string | undefined;
  reason: string;
  /** An Automation rule asked (its actor is `accountId`): the audit note says so. */
  via?: 'automation' | undefined;
}

export interface AgreeDeadlineDeps {
  /** The app's Jira (writes the note, recomputes). */
  jira: RecomputeDeps['jira'];
  /** Jira as the invoking user (BROWSE and EDIT_ISSUES enforced). */
  userJira: Pick<RequestSource, 'loadFacts' | 'loadRequests'> & Pick<Directory, 'userDisplayName'> & Pick<UserPermissions, 'canEditIssue'>;
  store: KeyValueStore;
  log: Logger;
}

const bilingual = (ru: string, en: string) => `${en} / ${ru}`;

export async function agreeDeadline(
  deps: AgreeDeadlineDeps,
  configs: ActiveConfigs,
  lookup: ConfigLookup,
  accountId: string,
  input: AgreeDeadlineInput,
  nowMs: number,
): Promise<IssueSlaView> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > REASON_MAX) {
    throw new AppError('BAD_REQUEST', bilingual(`Укажите причину (до ${REASON_MAX} символов)`, `Give a reason (up to ${REASON_MAX} characters)`), [{ path: 'reason', message: 'required, ≤ 500 characters' }]);
  }
  if ((input.extend === undefined) === (input.due === undefined)) {
    throw new AppError('BAD_REQUEST', bilingual('Укажите либо продление, либо согласованный срок', 'Give either an extension or an agreed due'), [{ path: 'extend', message: 'exactly one of extend and due' }]);
  }
  // Read as the user: Jira says whether they may see and edit the issue (customers may not).
  const [facts] = await deps.userJira.loadFacts([input.issueKey]);
  if (!facts) throw new AppError('NOT_FOUND', `issue ${input.issueKey} does not exist or you do not have permission to browse it`);
  if (!(await deps.userJira.canEditIssue(facts.key))) {
    throw new AppError('FORBIDDEN', bilingual('Согласовать срок может только агент, которому разрешено редактировать заявку', 'Only an agent who may edit the issue can agree a deadline'));
  }
  const active = configs.forProject(facts.projectKey);
  if (!active) throw new AppError('BAD_REQUEST', `issue ${facts.key} is in no SLA configuration`);
  const request = (await deps.userJira.loadRequests([facts], () => active.config.agentRule)).get(facts.id);
  if (!request) throw new AppError('UPSTREAM', `the history of ${facts.key} could not be read`);
  const existing = (await loadAgreements(deps.store, [facts.id])).get(facts.id) ?? [];
  const set = computeClocks(active.config, { ...request, agreements: existing.map(toSlaAgreement) }, nowMs);
  const pkg = active.config.packages.find((p) => p.id === set.packageId);
  if (pkg?.agreementsAllowed === false) {
    throw new AppError(
      'FORBIDDEN',
      bilingual(`Пакет «${pkg.name.ru}» не допускает согласованных сроков`, `Package "${pkg.name.en}" does not allow agreed deadlines`),
    );
  }
  const clock = set[input.clock];
  if (!clock) throw new AppError('BAD_REQUEST', bilingual('У заявки нет такого счётчика', `The issue has no ${input.clock} clock`), [{ path: 'clock', message: 'no such clock' }]);
  let entry: StoredAgreement;
  if (input.extend !== undefined) {
    const minutes = parseWorkingMinutes(input.extend);
    if (minutes === null) throw new AppError('BAD_REQUEST', bilingual('Продление пишется как 4h, 30m или 1h30m', 'An extension reads like 4h, 30m or 1h30m'), [{ path: 'extend', message: 'expected 4h, 30m, 1h30m' }]);
    entry = { at: nowMs, by: accountId, clock: input.clock, kind: 'extend', minutes, reason, ...(input.via ? { via: input.via } : {}) };
  } else {
    const due = parseJiraInstant(input.due!);
    if (due === null) throw new AppError('BAD_REQUEST', 'due: expected a date-time with an offset', [{ path: 'due', message: 'expected an ISO date-time' }]);
    if (due <= nowMs) throw new AppError('BAD_REQUEST', bilingual('Согласованный срок должен быть в будущем', 'The agreed due must be in the future'), [{ path: 'due', message: 'must be in the future' }]);
    entry = { at: nowMs, by: accountId, clock: input.clock, kind: 'agreedDue', due: Math.floor(due / 1000) * 1000, reason, ...(input.via ? { via: input.via } : {}) };
  }
  await appendAgreement(deps.store, facts.id, entry);
  const rec = { jira: deps.jira, store: deps.store, log: deps.log };
  if (facts.projectTypeKey === 'service_desk') {
    // The audit the team sees in the issue; the agreement itself is already stored, so a failed note is logged.
    const zone = set.timezone;
    const what = entry.kind === 'extend' ? `+${input.extend!.trim()}` : formatInstant(zone, entry.due!);
    const clockName = input.clock === 'reaction' ? { ru: 'реакции', en: 'reaction' } : { ru: 'решения', en: 'resolution' };
    const byRule = input.via === 'automation' ? { ru: ' (правило автоматизации)', en: ' (Automation rule)' } : { ru: '', en: '' };
    const text = [
      `Согласован срок ${clockName.ru}${byRule.ru}: ${what}. Причина: ${reason}`,
      `Agreed ${clockName.en} deadline${byRule.en}: ${what}. Reason: ${reason}`,
    ].join('\n');
    try {
      await deps.jira.addComment(facts.id, text, { internal: true });
    } catch (e) {
      deps.log.warn('agreed deadline: the internal note failed', { issue: facts.key, message: e instanceof Error ? e.message : String(e) });
    }
  }
  try {
    await recomputeIssue(rec, configs, facts.id, nowMs);
  } catch (e) {
    // Stored: the next trigger or sweep writes the new due; the panel computes it fresh below.
    deps.log.warn('agreed deadline: the recompute failed; the sweep will write it', { issue: facts.key, message: e instanceof Error ? e.message : String(e) });
  }
  return getIssueSla(deps.userJira, lookup, facts.key, nowMs, true, deps.store);
}
