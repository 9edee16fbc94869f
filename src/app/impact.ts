// The impact preview of a draft configuration (issue 15, resolver previewImpact): before saving, how
// many open requests of the scope get a new due, how many become at risk or breached, listed with
// old → new due. Read-only: open requests are read (bounded), each computed with the configuration
// in effect and with the draft; nothing is written.

import { parseSlaConfig } from '../config';
import { computeClocks } from '../domain/sla';
import type { Clock, SlaConfig } from '../domain/sla/types';
import { formatInstant } from '../domain/time/zone';
import type { ImpactView } from '../shared/contract';
import { loadRequestsWithAgreements } from './agreements';
import { ConfigStore, DEFAULT_SCOPE } from './config-store';
import { AppError } from './errors';
import type { Directory, IssueFacts, KeyValueStore, RequestSource } from './ports';

/** Open requests read for a preview: one changelog call, well inside the 25 s resolver limit. */
export const IMPACT_LIMIT = 200;
/** Rows listed (the counts cover every request read). */
export const IMPACT_ROWS = 50;

export interface ImpactDeps {
  readonly jira: Pick<Directory, 'listProjects'> & Pick<RequestSource, 'findOpenInProject' | 'loadRequests'>;
  readonly store: KeyValueStore;
}

type Row = ImpactView['rows'][number];

const running = (c: Clock | null): c is Clock => c !== null && c.stoppedAt === null;

export async function previewImpact(deps: ImpactDeps, scope: string, draftInput: unknown, nowMs: number): Promise<ImpactView> {
  const parsed = parseSlaConfig(draftInput);
  if (!parsed.ok) throw new AppError('INVALID_CONFIG', `configuration is invalid: ${parsed.issues[0]?.path ?? ''}: ${parsed.issues[0]?.message ?? ''}`, parsed.issues);
  const draft = parsed.config;
  const configs = await new ConfigStore(deps.store).active();
  // What applies today to the scope's projects: its own configuration, else the site default.
  const current: SlaConfig | null = (configs.byScope.get(scope) ?? (scope === DEFAULT_SCOPE ? null : configs.siteDefault()))?.config ?? null;
  const projects = scope === DEFAULT_SCOPE ? (await deps.jira.listProjects()).map((p) => p.key).filter((k) => !configs.byScope.has(k)) : [scope];
  const facts: IssueFacts[] = [];
  for (const key of projects) {
    if (facts.length >= IMPACT_LIMIT) break;
    facts.push(...(await deps.jira.findOpenInProject(key, IMPACT_LIMIT - facts.length)));
  }
  // With the agreed deadlines, as the clocks are computed everywhere else (issue 15).
  const requests = await loadRequestsWithAgreements(deps.jira, deps.store, facts, () => draft.agentRule);
  const zone = draft.calendars[draft.calendarId]?.timezone ?? 'UTC';
  const out: ImpactView = { checked: 0, limit: IMPACT_LIMIT, truncated: facts.length >= IMPACT_LIMIT, newDue: 0, becomeAtRisk: 0, becomeBreached: 0, rows: [] };
  const rows: Array<Row & { sort: number }> = [];
  for (const f of facts) {
    const request = requests.get(f.id);
    if (!request) continue;
    out.checked++;
    const before = current ? computeClocks(current, request, nowMs) : null;
    const after = computeClocks(draft, request, nowMs);
    for (const clock of ['reaction', 'resolution'] as const) {
      const a = after[clock];
      // A stopped clock was judged already: the preview lists only clocks that still count.
      if (!running(a)) continue;
      const b = before?.[clock] ?? null;
      const oldDue = b && b.stoppedAt === null ? b.due : null;
      if (oldDue === a.due && b?.state === a.state) continue;
      if (oldDue !== a.due) out.newDue++;
      if (a.state === 'atRisk' && b?.state !== 'atRisk' && b?.state !== 'breached') out.becomeAtRisk++;
      if (a.state === 'breached' && b?.state !== 'breached') out.becomeBreached++;
      rows.push({
        issueKey: f.key,
        clock,
        oldDue: oldDue === null ? null : formatInstant(zone, oldDue),
        newDue: a.due === null ? null : formatInstant(zone, a.due),
        oldState: b?.state ?? null,
        newState: a.state,
        sort: a.due ?? Number.MAX_SAFE_INTEGER,
      });
    }
  }
  out.rows = rows.sort((x, y) => x.sort - y.sort).slice(0, IMPACT_ROWS).map(({ sort: _sort, ...r }) => r);
  return out;
}
