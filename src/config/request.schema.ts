// A request's history as JSON (CLI, local host, tests) → the domain's `SlaRequest` (instants in ms).

import { z } from 'zod/v3';
import type { SlaRequest } from '../domain/sla/types';
import { parseInstant } from '../domain/time/zone';
import { idSchema } from './sla-config.schema';

const OFFSET_RE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** ISO-8601 instant that carries its offset ("2026-03-06T16:30:00+03:00" or "…Z") → epoch ms. */
export const instantSchema = z.string().transform((text, ctx) => {
  const ms = OFFSET_RE.test(text.trim()) ? parseInstant(text, 'UTC') : null;
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `expected an ISO-8601 instant with offset, e.g. "2026-03-06T16:30:00+03:00", got ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return ms;
});

const actorSchema = z.enum(['agent', 'customer']);
const nullableId = idSchema.nullable();

const eventSchema = z.discriminatedUnion('type', [
  z.object({ at: instantSchema, type: z.literal('status'), to: z.string().trim().min(1) }),
  z.object({ at: instantSchema, type: z.literal('comment'), by: actorSchema }),
  z.object({ at: instantSchema, type: z.literal('priority'), to: nullableId, by: actorSchema.optional() }),
  z.object({ at: instantSchema, type: z.literal('package'), to: nullableId }),
]);

/** An agreed deadline: `{"at", "clock", "extend": "4h" | "minutes": 240, "reason"}` or `{"at", "clock", "due", "reason"}`. */
export const agreementSchema = z
  .object({
    at: instantSchema,
    clock: z.enum(['reaction', 'resolution']),
    minutes: z.number().int().positive().max(600_000).optional(),
    due: instantSchema.optional(),
    reason: z.string().trim().min(1, 'expected the reason agreed with the customer').max(1000),
    by: z.string().min(1).max(128).optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.minutes === undefined) === (a.due === undefined)) ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'give exactly one of minutes (an extension) or due (an agreed due instant)' });
  })
  .transform((a) => ({
    at: a.at,
    clock: a.clock,
    kind: a.minutes !== undefined ? ('extend' as const) : ('agreedDue' as const),
    ...(a.minutes !== undefined ? { minutes: a.minutes } : {}),
    ...(a.due !== undefined ? { due: a.due } : {}),
    reason: a.reason,
    ...(a.by !== undefined ? { by: a.by } : {}),
  }));

export const slaRequestSchema = z.object({
  key: z.string().min(1).optional(),
  created: instantSchema,
  package: nullableId.optional(),
  priority: nullableId.optional(),
  status: z.string().trim().min(1).optional(),
  customer: z
    .object({ organization: z.string().nullable().optional(), organizations: z.array(z.string()).max(50).optional(), emailDomain: z.string().nullable().optional() })
    .optional(),
  events: z.array(eventSchema).default([]),
  agreements: z.array(agreementSchema).max(100).optional(),
});

export type SlaRequestInput = z.input<typeof slaRequestSchema>;

const requestOutputIsDomainRequest = (x: z.output<typeof slaRequestSchema>): SlaRequest => x;
void requestOutputIsDomainRequest;
