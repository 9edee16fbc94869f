// Automation action handlers (manifest `action` modules listed by `automation:actionProvider`).
// Payload: the inputs the rule configured, e.g. { issueKey: "SUP-12", package: "2" }.

import { z } from 'zod/v3';
import { agreeDeadline } from '../../app/agree-deadline';
import { REASON_MAX } from '../../app/agreements';
import { runRecompute, runSetChoice, type AutomationAnswer, type AutomationDeps } from '../../app/automation-actions';
import { ConfigStore } from '../../app/config-store';
import { AppError } from '../../app/errors';
import { ForgeJiraAdapter } from '../../adapters/forge/jira-adapter';
import { consoleLogger, forgeDeps, forgeUserDeps, isUnlicensed } from '../compose';

const issueKey = z.string().trim().regex(/^[A-Z][A-Z0-9_]*-\d+$|^\d+$/, 'expected an issue key such as SUP-12 ({{issue.key}})');
const recomputeInput = z.object({ issueKey });
const packageInput = z.object({ issueKey, package: z.string().trim().min(1, 'name the service package (its id or name)') });
const priorityInput = z.object({ issueKey, priority: z.string().trim().min(1, 'name the SLA priority (its id or name)') });

// Optional inputs arrive as "" when the rule left them empty (or a smart value rendered to nothing).
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));
const agreeInput = z
  .object({
    issueKey,
    clock: z.enum(['reaction', 'resolution'], { message: 'expected reaction or resolution' }),
    due: optionalText.refine((v) => v === undefined || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v), {
      message: 'expected a date-time with its offset, e.g. 2026-03-06T18:00:00+03:00 ({{now.plusBusinessDays(2)}})',
    }),
    extend: optionalText,
    reason: z.string().trim().min(1, 'give the reason for the agreement').max(REASON_MAX, `the reason is longer than ${REASON_MAX} characters`),
  })
  .refine((v) => (v.due === undefined) !== (v.extend === undefined), { message: 'give either an agreed due or an extension (not both)', path: ['due'] });

/** The rule's actor: Automation invokes the action as the user of the rule's connection. */
const principalSchema = z.object({ principal: z.object({ accountId: z.string().min(1) }) });

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

/**
 * Extend the goal / agree a deadline: the same use case as the issue panel (audited who, when and
 * why; refused where the package forbids agreements), run as the rule's actor, so Jira decides
 * whether they may edit the issue.
 */
export async function agreeDeadlineAction(payload: unknown, context?: unknown): Promise<AutomationAnswer> {
  const p = agreeInput.safeParse(payload);
  if (!p.success) return invalid(p.error);
  if (isUnlicensed(context)) return { errors: [{ message: 'Reglament: the app has no active licence on this site / нет активной лицензии.' }] };
  const who = principalSchema.safeParse(context);
  if (!who.success) return { errors: [{ message: 'Reglament: Automation named no user for this rule (its connection); nothing was agreed / правило не указало пользователя.' }] };
  const deps = forgeUserDeps('trigger');
  try {
    const store = new ConfigStore(deps.store);
    const view = await agreeDeadline(
      deps,
      await store.active(),
      store.lookup(),
      who.data.principal.accountId,
      { issueKey: p.data.issueKey, clock: p.data.clock, due: p.data.due, extend: p.data.extend, reason: p.data.reason, via: 'automation' },
      deps.clock.now(),
    );
    const clock = view.clocks.find((c) => c.kind === p.data.clock);
    return { ok: true, issueKey: view.issueKey, state: clock?.state ?? 'none', clock: p.data.clock, due: clock?.due ?? null };
  } catch (e) {
    // An expected refusal (no permission, package forbids it, bad extension) stops the rule with its reason.
    if (e instanceof AppError && e.code !== 'UPSTREAM' && e.code !== 'INTERNAL') return { errors: [{ message: `Reglament: ${e.message}` }] };
    consoleLogger.error('automation action failed', { message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return { errors: [{ message: 'Reglament: the action failed; see the app logs / действие не выполнено.' }] };
  }
}
