// A Jira site as the port contracts see it: the ports (as the app, as a user) and the few things a
// person does in Jira that the contracts need (a customer raises a request, an agent moves it),
// plus what Jira then shows. Implemented on the Forge adapter over the local emulator and on each
// fake (test/fakes), so the same suite runs against both and a fake that drifts from the adapter fails.

import type { JiraPort } from '../../../src/app/ports';

export const ADMIN = '557058:admin-anna';
export const AGENT = '557058:agent-ivan';
export const AGENT_EN = '557058:agent-maria';
/** Administers SUP (project settings), not the site. */
export const LEAD = '557058:lead-olga';
export const CUSTOMER = 'qm:customer-romashka';
export const NOBODY = '557058:no-such-person';

/** Monday 2 March 2026, 10:00 in Moscow. */
export const START = Date.parse('2026-03-02T07:00:00Z');

export interface PortWorld {
  /** Jira as the app. */
  readonly app: JiraPort;
  /** Jira as this person: their permissions apply. */
  asUser(accountId: string): JiraPort;
  now(): number;
  advance(ms: number): void;
  /** The customer raises a request in SUP (status Open) now. */
  createRequest(input?: { package?: string; priority?: string }): Promise<{ id: string; key: string }>;
  /** An agent moves the request to this status. */
  moveTo(key: string, status: string): Promise<void>;
  /** The request's comments as Jira stores them (internal = a JSM internal note). */
  commentsOf(key: string): Array<{ text: string; internal: boolean }>;
  labelsOf(key: string): string[];
  /** Jira notify e-mails sent about the request. */
  notificationsOf(key: string): number;
  close(): void;
}

export type MakeWorld = () => Promise<PortWorld>;
