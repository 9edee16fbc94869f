// Atlassian Automation actions (manifest `action` + `automation:actionProvider`): Recompute SLA,
// Set service package, Set SLA priority. Automation passes only the inputs the rule configured
// (the issue comes as the smart value {{issue.key}}); an action that cannot do what it was asked
// answers `{ errors: [{ message }] }`, which fails the rule step and lands in the audit log.
// Our own field write raises no trigger for us (ignoreSelf), so the action recomputes itself.

import { type ActiveConfigs } from './config-store';
import type { IssueFacts } from './ports';
import { choiceValue, type ChoiceValue } from '../shared/choice-value';
import { recomputeIssue, type RecomputeDeps } from './recompute-issue';

export type AutomationAnswer =
  | { ok: true; issueKey: string; state: string; clock?: 'reaction' | 'resolution'; due?: string | null }
  | { errors: Array<{ message: string }> };

export interface AutomationDeps extends RecomputeDeps {
  /** Writes the Service package or SLA priority field of one issue (as the app). */
  setChoice(issueId: string, field: 'package' | 'priority', value: ChoiceValue | null): Promise<void>;
}

const fail = (message: string): AutomationAnswer => ({ errors: [{ message }] });

async function load(deps: AutomationDeps, configs: ActiveConfigs, issueKey: string): Promise<IssueFacts | AutomationAnswer> {
  if (configs.empty) return fail('Reglament: SLA is not configured yet (admin page) / SLA ещё не настроено.');
  const facts = await deps.jira.loadFacts([issueKey]);
  if (facts.length === 0) return fail(`Reglament: issue "${issueKey}" was not found / задача "${issueKey}" не найдена.`);
  return facts[0]!;
}

async function recompute(deps: AutomationDeps, configs: ActiveConfigs, facts: IssueFacts, nowMs: number): Promise<AutomationAnswer> {
  const r = await recomputeIssue(deps, configs, facts.id, nowMs);
  if (r === null || r.failed.length > 0) return fail(`Reglament: could not recompute ${facts.key}; see the app logs / не удалось пересчитать ${facts.key}.`);
  const after = await deps.jira.loadFacts([facts.id]);
  return { ok: true, issueKey: facts.key, state: after[0]?.stored?.state ?? 'none' };
}

export async function runRecompute(deps: AutomationDeps, configs: ActiveConfigs, issueKey: string, nowMs: number): Promise<AutomationAnswer> {
  const facts = await load(deps, configs, issueKey);
  if ('errors' in facts) return facts;
  return recompute(deps, configs, facts as IssueFacts, nowMs);
}

export async function runSetChoice(
  deps: AutomationDeps,
  configs: ActiveConfigs,
  input: { issueKey: string; field: 'package' | 'priority'; value: string },
  nowMs: number,
): Promise<AutomationAnswer> {
  const loaded = await load(deps, configs, input.issueKey);
  if ('errors' in loaded) return loaded;
  const facts = loaded as IssueFacts;
  const active = configs.forProject(facts.projectKey);
  if (!active) return fail(`Reglament: project ${facts.projectKey} has no SLA configuration / у проекта ${facts.projectKey} нет настройки SLA.`);
  const list = input.field === 'package' ? active.config.packages : active.config.priorities;
  const wanted = input.value.trim();
  const match = list.find((x) => x.id === wanted || x.name.ru.toLowerCase() === wanted.toLowerCase() || x.name.en.toLowerCase() === wanted.toLowerCase());
  if (!match) {
    const what = input.field === 'package' ? ['service package', 'пакета обслуживания'] : ['SLA priority', 'приоритета SLA'];
    const known = list.map((x) => `${x.id} (${x.name.en})`).join(', ');
    return fail(`Reglament: there is no ${what[0]} "${wanted}" in ${active.scope}; known: ${known} / нет ${what[1]} "${wanted}".`);
  }
  const current = input.field === 'package' ? facts.packageId : facts.priorityId;
  // The name in the configuration's first language (Russian): Jira's formatter shows one name to everyone.
  if (current !== match.id) await deps.setChoice(facts.id, input.field, choiceValue(match.id, match.name, 'ru'));
  return recompute(deps, configs, facts, nowMs);
}
