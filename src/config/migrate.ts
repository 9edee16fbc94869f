// Older configuration versions and how each becomes the next. A stored configuration is migrated
// on read; the admin page saves the current version.
//
// Version 1 (the first release) had one calendar inline, flat goal maps `reactionGoals` /
// `resolutionGoals` with one `goalsBy` for both, the at-risk share in percent, validity as a
// month count and auto-close in days.

import { z } from 'zod/v3';
import { CURRENT_SCHEMA_VERSION } from './sla-config.schema';

const localized = z.object({ ru: z.string(), en: z.string() });

export const slaConfigV1Schema = z.object({
  schemaVersion: z.literal(1),
  name: localized.optional(),
  calendar: z.record(z.string(), z.unknown()),
  packages: z.array(
    z.object({
      id: z.union([z.string(), z.number()]),
      name: localized,
      price: z.number().nullable().optional(),
      /** null or absent: unlimited; a number: months; "contract": while the contract lasts. */
      validityMonths: z.union([z.number(), z.literal('contract')]).nullable().optional(),
      channels: z.array(z.unknown()).optional(),
    }),
  ),
  defaultPackage: z.union([z.string(), z.number()]),
  priorities: z.array(z.unknown()).optional(),
  defaultPriority: z.union([z.string(), z.number()]).nullable().optional(),
  goalsBy: z.enum(['package', 'priority', 'matrix']),
  reactionGoals: z.record(z.string(), z.unknown()).optional(),
  resolutionGoals: z.record(z.string(), z.unknown()).optional(),
  atRiskPercent: z.number().optional(),
  statuses: z.unknown().optional(),
  autoCloseDays: z.number().int().positive().nullable().optional(),
  customers: z.array(z.unknown()).optional(),
});
export type SlaConfigV1 = z.output<typeof slaConfigV1Schema>;

/** v1 → v2 input (the v2 schema then validates it in full). */
export function migrateV1(v1: SlaConfigV1): Record<string, unknown> {
  const goalsBy: Record<string, string> = {};
  const goals: Record<string, unknown> = {};
  if (v1.reactionGoals) {
    goalsBy.reaction = v1.goalsBy;
    goals.reaction = v1.reactionGoals;
  }
  if (v1.resolutionGoals) {
    goalsBy.resolution = v1.goalsBy;
    goals.resolution = v1.resolutionGoals;
  }
  const out: Record<string, unknown> = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    calendarId: 'main',
    calendars: { main: v1.calendar },
    packages: v1.packages.map((p) => ({
      id: p.id,
      name: p.name,
      price: p.price ?? null,
      validity:
        p.validityMonths === 'contract'
          ? { kind: 'contract' }
          : typeof p.validityMonths === 'number'
            ? { kind: 'months', months: p.validityMonths }
            : { kind: 'unlimited' },
      ...(p.channels ? { channels: p.channels } : {}),
    })),
    defaultPackage: v1.defaultPackage,
    priorities: v1.priorities ?? [],
    defaultPriority: v1.defaultPriority ?? null,
    goalsBy,
    goals,
    autoClose: v1.autoCloseDays ? { period: `${v1.autoCloseDays}d` } : null,
    customers: v1.customers ?? [],
  };
  if (v1.name) out.name = v1.name;
  if (v1.atRiskPercent !== undefined) out.atRiskThreshold = v1.atRiskPercent / 100;
  if (v1.statuses !== undefined) out.statuses = v1.statuses;
  return out;
}
