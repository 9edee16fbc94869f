// zod schemas of every resolver payload (the types live in src/shared/contract.ts; `satisfies`
// below keeps the two in step).

import { z } from 'zod/v3';
import { CALENDAR_IMPORT_MAX_BYTES, invokeTextBytes, type ResolverMap, type ResolverName } from '../../shared/contract';

const scope = z.string().min(1).max(255).optional();
const issueKey = z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'expected an issue key like SUP-12').optional();

export const payloadSchemas = {
  getIssueSla: z.object({ issueKey }),
  getIssueBadge: z.object({ issueKey }),
  getFieldOptions: z.object({ field: z.enum(['package', 'priority']) }),
  getAdminState: z.object({ scope }),
  validateConfig: z.object({ scope, config: z.unknown() }),
  saveConfig: z.object({
    scope,
    config: z.unknown(),
    baseVersion: z.number().int().min(1).nullable(),
    comment: z.string().max(500).optional(),
  }),
  applyTemplate: z.object({ scope, templateId: z.string().min(1) }),
  listVersions: z.object({ scope }),
  restoreVersion: z.object({ scope, version: z.number().int().min(1) }),
  getRecomputeProgress: z.object({ jobId: z.string().min(1).max(100).optional() }),
  previewCalendar: z.object({
    calendar: z.unknown(),
    years: z.array(z.number().int().min(1900).max(2200)).max(10).optional(),
    goals: z.array(z.string().min(1).max(50)).max(10).optional(),
  }),
  importCalendar: z.object({
    format: z.enum(['xml', 'csv', 'ics']),
    text: z.string().refine((t) => invokeTextBytes(t) <= CALENDAR_IMPORT_MAX_BYTES, { message: `the file is larger than ${CALENDAR_IMPORT_MAX_BYTES} bytes (a Forge invoke carries at most 500 KB)` }),
  }),
  listJiraStatuses: z.object({}),
  getQueue: z.object({ projectKey: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected a project key').optional() }),
  getReport: z
    .object({
      from: z.string().min(1).optional(),
      to: z.string().min(1).optional(),
      lastDays: z.number().int().min(1).max(366).optional(),
      projectKey: z.string().optional(),
      groupBy: z.enum(['package', 'priority', 'customer', 'agent', 'month']).optional(),
    })
    .refine((r) => (r.lastDays === undefined) === (r.from !== undefined && r.to !== undefined) && (r.from === undefined) === (r.to === undefined), {
      message: 'give from and to, or lastDays',
      path: ['from'],
    }),
  previewImpact: z.object({ scope: z.string().optional(), config: z.unknown() }),
  getCustomerAct: z.object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month like 2026-11'),
    customer: z.string().trim().min(1).max(255).optional(),
    projectKey: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected a project key').optional(),
  }),
  getPortalSla: z.object({ issueKey: z.string().min(1).max(255).optional(), locale: z.enum(['ru', 'en']).optional() }),
  agreeDeadline: z
    .object({
      issueKey,
      clock: z.enum(['reaction', 'resolution']),
      extend: z.string().trim().min(1).max(20).optional(),
      due: z.string().min(1).max(40).optional(),
      reason: z.string().trim().min(1, 'expected a reason').max(500, 'a reason is at most 500 characters'),
    })
    .refine((a) => (a.extend === undefined) !== (a.due === undefined), { message: 'give either extend or due', path: ['extend'] }),
} satisfies { [K in ResolverName]: z.ZodType<unknown> };

/** Compile-time check: each schema's output is assignable to the contract's request type. */
// zod's v3 inference makes a key of type `unknown` optional; the contract names it (it may still hold undefined).
type UnknownKeysRequired<T> = { [P in keyof T as unknown extends T[P] ? P : never]-?: T[P] } & { [P in keyof T as unknown extends T[P] ? never : P]: T[P] };
type Check<K extends ResolverName> = UnknownKeysRequired<z.infer<(typeof payloadSchemas)[K]>> extends ResolverMap[K]['req'] ? true : never;
const payloadsMatchContract: { [K in ResolverName]: Check<K> } = {
  getIssueSla: true,
  getIssueBadge: true,
  getFieldOptions: true,
  getAdminState: true,
  validateConfig: true,
  saveConfig: true,
  applyTemplate: true,
  listVersions: true,
  restoreVersion: true,
  getRecomputeProgress: true,
  previewCalendar: true,
  importCalendar: true,
  listJiraStatuses: true,
  getQueue: true,
  getReport: true,
  getCustomerAct: true,
  previewImpact: true,
  getPortalSla: true,
  agreeDeadline: true,
};
void payloadsMatchContract;
