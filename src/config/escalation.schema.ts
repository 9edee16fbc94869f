// The escalation ladder in the SLA configuration (issue 15): per clock, levels such as `50%`, `75%`,
// `-1h` (before due), `due`, `+2h` with `repeat: "4h"`, each with its actions. Field rules here; the
// rules that relate it to the rest of the configuration are `checkEscalation` (called from the
// configuration's cross-check), each issue naming its exact path.

import { z } from 'zod/v3';
import { parseLadderAt, parseWorkingMinutes } from '../domain/sla/escalation';
import type { SlaEscalation } from '../domain/sla/types';

const labelSchema = z.string().trim().min(1, 'expected a label').max(255).regex(/^\S+$/, 'a Jira label cannot contain spaces');

export const escalationActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('notify'),
    to: z.object({
      assignee: z.boolean().default(false),
      watchers: z.boolean().default(false),
      reporter: z.boolean().default(false),
      accountIds: z.array(z.string().trim().min(1).max(128)).max(50).default([]),
      groups: z.array(z.string().trim().min(1).max(255)).max(20).default([]),
    }),
  }),
  z.object({ kind: z.literal('reassign'), accountId: z.string().trim().min(1, 'expected the account id to assign to').max(128) }),
  z.object({ kind: z.literal('priority'), jiraPriority: z.string().trim().min(1, "expected a Jira priority's name").max(255) }),
  z.object({ kind: z.literal('transition'), status: z.string().trim().min(1, 'expected the status to move the request to').max(255) }),
  z.object({ kind: z.literal('label'), label: labelSchema }),
  z.object({ kind: z.literal('comment') }),
]);

const levelIdSchema = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, 'a level id has letters, digits, "-" and "_" only');

export const escalationLevelSchema = z.object({
  id: levelIdSchema,
  at: z.string().trim().refine((t) => parseLadderAt(t) !== null, { message: 'expected "50%", "due", "-1h" (before due) or "+2h" (after due)' }),
  repeat: z
    .string()
    .trim()
    .refine((t) => parseWorkingMinutes(t) !== null, { message: 'expected working time like "4h" or "30m"' })
    .nullable()
    .default(null),
  actions: z.array(escalationActionSchema).min(1, 'expected at least one action').max(10),
});

const ladderSchema = z.array(escalationLevelSchema).max(12, 'at most 12 levels per clock');

export const escalationSchema = z
  .object({ reaction: ladderSchema.optional(), resolution: ladderSchema.optional(), followUp: ladderSchema.optional() })
  .strict();

/** Longest repeat interval and offset this app accepts (one working year of 2 000 h). */
const MAX_MINUTES = 120_000;

type Issue = (path: Array<string | number>, message: string) => void;

export function checkEscalation(escalation: SlaEscalation | undefined, goals: { reaction?: unknown; resolution?: unknown }, issue: Issue): void {
  if (escalation === undefined) return;
  for (const clock of ['reaction', 'resolution', 'followUp'] as const) {
    const levels = escalation[clock];
    if (levels === undefined || levels.length === 0) continue;
    const goalClock = clock === 'followUp' ? 'reaction' : clock;
    if (goals[goalClock] === undefined) issue(['escalation', clock], `the configuration has no ${goalClock} goal, so this clock has no ladder to climb`);
    const ids = new Set<string>();
    levels.forEach((l, i) => {
      if (ids.has(l.id)) issue(['escalation', clock, i, 'id'], `duplicate level id "${l.id}"`);
      ids.add(l.id);
      const at = parseLadderAt(l.at);
      if (at !== null && at.kind !== 'elapsed' && at.minutes > MAX_MINUTES) issue(['escalation', clock, i, 'at'], `"${l.at}" is further from the due instant than the ${MAX_MINUTES / 60} h this app accepts`);
      if (l.repeat !== null) {
        if (at === null || at.kind !== 'afterDue') issue(['escalation', clock, i, 'repeat'], 'only a level at or after the due instant ("due", "+2h") repeats');
        const every = parseWorkingMinutes(l.repeat);
        if (every !== null && every > MAX_MINUTES) issue(['escalation', clock, i, 'repeat'], `"${l.repeat}" is longer than the ${MAX_MINUTES / 60} h this app accepts`);
      }
      const kinds = new Set<string>();
      l.actions.forEach((a, j) => {
        const id = a.kind === 'label' ? `label-${a.label}` : a.kind;
        if (kinds.has(id)) issue(['escalation', clock, i, 'actions', j], a.kind === 'label' ? `label "${a.label}" is added twice` : `a second "${a.kind}" action in one level`);
        kinds.add(id);
        if (a.kind === 'notify') {
          const t = a.to;
          if (!t.assignee && !t.watchers && !t.reporter && t.accountIds.length === 0 && t.groups.length === 0) {
            issue(['escalation', clock, i, 'actions', j, 'to'], 'expected at least one recipient: assignee, watchers, reporter, people or groups');
          }
        }
      });
    });
  }
}
