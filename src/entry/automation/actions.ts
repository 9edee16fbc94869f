// Automation action handlers (manifest `action` modules listed by `automation:actionProvider`).
// Payload: the inputs the rule configured, e.g. { issueKey: "SUP-12", package: "2" }.

import { z } from 'zod/v3';
import { runRecompute, runSetChoice, type AutomationAnswer, type AutomationDeps } from '../../app/automation-actions';
import { ConfigStore } from '../../app/config-store';
import { ForgeJiraAdapter } from '../../adapters/forge/jira-adapter';
import { consoleLogger, forgeDeps, isUnlicensed } from '../compose';

const issueKey = z.string().trim().regex(/^[A-Z][A-Z0-9_]*-\d+$|^\d+$/, 'expected an issue key such as SUP-12 ({{issue.key}})');
const recomputeInput = z.object({ issueKey });
const packageInput = z.object({ issueKey, package: z.string().trim().min(1, 'name the service package (its id or name)') });
const priorityInput = z.object({ issueKey, priority: z.string().trim().min(1, 'name the SLA priority (its id or name)') });

function invalid(e: z.ZodError): AutomationAnswer {
  return { errors: e.issues.map((i) => ({ message: `Reglament: ${i.path.join('.') || 'input'}: ${i.message}` })) };
}

async function run(context: unknown, fn: (deps: AutomationDeps, configs: Awaited<ReturnType<ConfigStore['active']>>, nowMs: number) => Promise<AutomationAnswer>): Promise<AutomationAnswer> {
  if (isUnlicensed(context)) return { errors: [{ message: 'Reglament: the app has no active licence on this site / нет активной лицензии.' }] };
  const deps = forgeDeps('trigger');
  const adapter = deps.jira as ForgeJiraAdapter;
  const automationDeps: AutomationDeps = { ...deps, setChoice: (id, field, value) => adapter.setChoice(id, field, value) };
  try {
    return await fn(automationDeps, await new ConfigStore(deps.store).active(), deps.clock.now());
  } catch (e) {
    consoleLogger.error('automation action failed', { message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return { errors: [{ message: 'Reglament: the action failed; see the app logs / действие не выполнено.' }] };
  }
}

export async function recomputeSlaAction(payload: unknown, context?: unknown): Promise<AutomationAnswer> {
  const p = recomputeInput.safeParse(payload);
  if (!p.success) return invalid(p.error);
  return run(context, (deps, configs, now) => runRecompute(deps, configs, p.data.issueKey, now));
}

export async function setPackageAction(payload: unknown, context?: unknown): Promise<AutomationAnswer> {
  const p = packageInput.safeParse(payload);
  if (!p.success) return invalid(p.error);
  return run(context, (deps, configs, now) => runSetChoice(deps, configs, { issueKey: p.data.issueKey, field: 'package', value: p.data.package }, now));
}

export async function setPriorityAction(payload: unknown, context?: unknown): Promise<AutomationAnswer> {
  const p = priorityInput.safeParse(payload);
  if (!p.success) return invalid(p.error);
  return run(context, (deps, configs, now) => runSetChoice(deps, configs, { issueKey: p.data.issueKey, field: 'priority', value: p.data.priority }, now));
}
