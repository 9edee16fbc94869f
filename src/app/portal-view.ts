// What the JSM customer portal shows of a request (jiraServiceManagement:portalRequestDetail):
// the customer's service package, each clock's due instant in the support team's working zone, and
// why a clock is paused ("waiting for your reply", "outside working hours"). Built from the agent
// view by picking fields, then parsed by a strict schema, so nothing internal can ride along: no
// priority, goals, history (agents, notes), warnings, working segments or configuration.

import { z } from 'zod/v3';
import type { IssueSlaView, Locale } from '../shared/contract';

const localized = z.object({ ru: z.string(), en: z.string() }).strict();

export const customerClockSchema = z
  .object({
    kind: z.enum(['reaction', 'resolution', 'followUp']),
    /** Customers see no "at risk": it is the team's own early warning. */
    state: z.enum(['running', 'paused', 'met', 'overdue']),
    /** When the team answers / resolves by (or was due), null while paused or done. */
    due: z.string().nullable(),
    /** `due` as wall-clock text in the team's zone, e.g. "04.03.2026, 10:00". */
    dueText: z.string().nullable(),
    pausedBecause: z.enum(['waitingForYou', 'outsideWorkingHours']).nullable(),
    /** When a clock paused outside working hours counts again. */
    resumesAt: z.string().nullable(),
    resumesText: z.string().nullable(),
  })
  .strict();

export const customerSlaViewSchema = z
  .object({
    issueKey: z.string(),
    configured: z.boolean(),
    package: z.object({ id: z.string(), name: localized }).strict().nullable(),
    /** The team's working-time zone and calendar name, so due times say whose clock they are. */
    timezone: z.string(),
    zoneText: z.string(),
    calendar: localized,
    clocks: z.array(customerClockSchema),
    now: z.string(),
  })
  .strict();
export type CustomerSlaView = z.infer<typeof customerSlaViewSchema>;

function wallClock(iso: string | null, zone: string, locale: Locale): string | null {
  if (iso === null) return null;
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** "Europe/Moscow, UTC+3" at `at`. */
export function zoneLabel(zone: string, at: number): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return `${zone}, ${part.replace(/^GMT/, 'UTC') || 'UTC'}`;
}

export function toCustomerView(view: IssueSlaView, locale: Locale): CustomerSlaView {
  const zone = view.calendar.timezone;
  const clocks = view.clocks.map((c) => {
    const state = c.state === 'atRisk' ? 'running' : c.state === 'breached' ? 'overdue' : c.state;
    const pausedBecause = c.state === 'paused' ? (c.pauseReason === 'customerWait' ? 'waitingForYou' : 'outsideWorkingHours') : c.pauseReason === 'outsideWorkingHours' && c.state !== 'met' ? 'outsideWorkingHours' : null;
    const due = c.state === 'met' ? null : c.due;
    return {
      kind: c.kind,
      state,
      due,
      dueText: wallClock(due, zone, locale),
      pausedBecause,
      resumesAt: pausedBecause === 'outsideWorkingHours' ? c.resumesAt : null,
      resumesText: pausedBecause === 'outsideWorkingHours' ? wallClock(c.resumesAt, zone, locale) : null,
    };
  });
  return customerSlaViewSchema.parse({
    issueKey: view.issueKey,
    configured: view.configured,
    package: view.package ? { id: view.package.id, name: { ru: view.package.name.ru, en: view.package.name.en } } : null,
    timezone: zone,
    zoneText: zoneLabel(zone, Date.parse(view.now)),
    calendar: view.calendar.names ?? { ru: view.calendar.name, en: view.calendar.name },
    clocks,
    now: view.now,
  });
}

/** Compile-time check: the schema's output is exactly the contract's CustomerSlaView. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _customerViewMatchesContract: Same<CustomerSlaView, import('../shared/contract').CustomerSlaView> = true;
