// `jqlFunction`: Jira calls it to replace `issue in slaBreached(…)` (and the other four functions
// manifest.yml declares) with native JQL; the answer is `{ jql }`, or `{ error }`, which Jira shows
// the person who ran the query. Payload per the Forge JQL-function contract:
// { precomputationId?, clause: { field, type[], operator, functionName, arguments[] } }.

import { z } from 'zod/v3';
import { ConfigStore } from '../../app/config-store';
import { answerJqlFunction, type JqlFunctionAnswer } from '../../app/jql-functions';
import type { Locale } from '../../shared/contract';
import { consoleLogger, forgeDeps } from '../compose';

const payloadSchema = z.object({
  precomputationId: z.string().optional(),
  clause: z.object({
    field: z.string().optional(),
    type: z.array(z.string()).optional(),
    operator: z.string(),
    functionName: z.string(),
    arguments: z.array(z.string()).default([]),
  }),
});

const contextSchema = z
  .object({
    principal: z.object({ accountId: z.string() }).optional(),
    locale: z.string().optional(),
  })
  .passthrough()
  .optional();

function localeFrom(text: string | undefined): Locale | null {
  if (!text) return null;
  return text.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export async function jqlFunction(payload: unknown, context?: unknown): Promise<JqlFunctionAnswer> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return { error: 'Reglament: the JQL function request is malformed / некорректный запрос функции JQL.' };
  const ctx = contextSchema.safeParse(context);
  const deps = forgeDeps('ui');
  try {
    let locale = localeFrom(ctx.success ? ctx.data?.locale : undefined);
    const accountId = ctx.success ? ctx.data?.principal?.accountId : undefined;
    if (locale === null && accountId) locale = await deps.jira.userLocale(accountId).catch(() => null);
    const configs = await new ConfigStore(deps.store).active();
    return answerJqlFunction(parsed.data.clause, { configs, nowMs: deps.clock.now(), locale: locale ?? 'en' });
  } catch (e) {
    consoleLogger.error('jqlFunction failed', { message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return { error: 'Reglament could not evaluate the function; try again / Reglament не смог вычислить функцию; повторите запрос.' };
  }
}
