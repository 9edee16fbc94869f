// Runs the real Forge handlers (src/index.ts) on the local Jira emulator through the same globals
// the Forge runtime provides. Simulated time: the emulator's clock is the app's clock.

import * as app from '../../local/app-handlers';
import { createEmulator, type AppHandlers, type Emulator, type ExtensionContext, type FaultOptions } from '../../local/emulator';
import type { StoredSla } from '../../src/app/stored-sla';
import type { Envelope } from '../../src/shared/contract';

export const ADMIN = '557058:admin-anna';
export const AGENT = '557058:agent-ivan';
export const AGENT_EN = '557058:agent-maria';
export const CUSTOMER = 'qm:customer-romashka';
export const CUSTOMER_EN = 'qm:customer-north';
export const OTHER_CUSTOMER = 'qm:customer-vektor';

/** Monday 2 March 2026, 10:00 in Moscow: a plain working day. */
export const MONDAY_10_MSK = Date.parse('2026-03-02T07:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Site {
  emu: Emulator;
  now(): number;
  advance(ms: number): void;
  call<T = unknown>(fn: string, payload: unknown, as?: string, extension?: ExtensionContext): Promise<Envelope<T>>;
  panel(key: string, as?: string): Promise<Envelope<import('../../src/shared/contract').IssueSlaView>>;
  state(key: string): IssueState;
  close(): void;
}

export interface IssueState {
  status: string;
  reactionDue: unknown;
  resolutionDue: unknown;
  stateField: { state: string; breached: string; paused: string; nextCheck?: string } | undefined;
  property: StoredSla | undefined;
  comments: Array<{ author: string; text: string }>;
  /** Status names the issue moved to, oldest first. */
  statusMoves: string[];
}

export async function startSite(
  opts: { template?: string; faults?: FaultOptions; configure?: boolean; licensed?: boolean; appHandlers?: AppHandlers } = {},
): Promise<Site> {
  process.env.REGLAMENT_RETRY_DELAY_SCALE = '0';
  let now = MONDAY_10_MSK;
  const clock = { now: () => now };
  const emu = createEmulator({ clock, appHandlers: opts.appHandlers ?? app, ...(opts.licensed === false ? { licensed: false } : {}) });
  emu.seedSite();
  emu.install();
  const call = async <T>(fn: string, payload: unknown, as = ADMIN, extension: ExtensionContext = { type: 'jira:adminPage' }) =>
    (await emu.invokeResolver(fn, payload, { accountId: as, extension })) as Envelope<T>;
  const fieldId = (moduleKey: string) => emu.jira.field(moduleKey)!.id;
  const site: Site = {
    emu,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    call,
    panel(key, as = AGENT) {
      const issue = emu.jira.issue(key);
      return call('getIssueSla', { issueKey: key }, as, {
        type: 'jira:issuePanel',
        issue: { id: String(issue?.id ?? '0'), key },
        project: { id: '10000', key: key.split('-')[0]! },
      });
    },
    state(key) {
      const i = emu.jira.issue(key)!;
      const statusName = (id: string) => emu.jira.statuses.find((s) => s.id === id)?.name ?? id;
      return {
        status: statusName(i.statusId),
        reactionDue: i.custom[fieldId('sla-reaction-due')] ?? null,
        resolutionDue: i.custom[fieldId('sla-resolution-due')] ?? null,
        stateField: i.custom[fieldId('sla-state')] as IssueState['stateField'],
        property: i.properties['reglament-sla'] as StoredSla | undefined,
        comments: i.comments.map((c) => ({ author: c.author, text: JSON.stringify(c.body) })),
        statusMoves: i.histories.flatMap((h) => h.items.filter((it) => it.fieldId === 'status').map((it) => String(it.toString))),
      };
    },
    close() {
      emu.close();
    },
  };
  if (opts.configure !== false) await configure(site, opts.template ?? 'altec');
  if (opts.faults) emu.setFaults(opts.faults);
  return site;
}

export async function configure(site: Site, template: string, scope?: string): Promise<number> {
  const t = await site.call<{ config: unknown }>('applyTemplate', { templateId: template });
  if (!t.ok) throw new Error(`applyTemplate: ${t.error.message}`);
  const head = await site.call<{ version: number | null }>('getAdminState', scope ? { scope } : {});
  if (!head.ok) throw new Error(`getAdminState: ${head.error.message}`);
  const s = await site.call<{ version: number }>('saveConfig', { config: t.data.config, baseVersion: head.data.version, ...(scope ? { scope } : {}) });
  if (!s.ok) throw new Error(`saveConfig: ${s.error.message}`);
  await site.emu.drainQueue({ ignoreDelays: true });
  return s.data.version;
}
