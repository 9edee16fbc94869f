// The port contracts' world on the real Forge adapter (src/adapters/forge) talking to the local
// Jira emulator through the same global the Forge runtime's requestJira uses.

import { APP_UUID, fieldDirectory } from '../../../src/adapters/forge/field-directory';
import { ForgeJiraAdapter } from '../../../src/adapters/forge/jira-adapter';
import { defaultRetryPolicy, JiraHttp, type JiraFetch } from '../../../src/adapters/forge/jira-http';
import { createEmulator, ENV_ID, type AppHandlers } from '../../../local/emulator';
import { MemoryStore } from '../../fakes/memory-store';
import { AGENT, CUSTOMER, START, type PortWorld } from './world';

const noApp: AppHandlers = {
  uiResolver: async () => null,
  onIssueEvent: async () => undefined,
  sweep: async () => ({ statusCode: 204 }),
  worker: async () => undefined,
  fieldSuggestions: async () => [],
};

/** One line per paragraph, as the app wrote them (the emulator's adfToText separates paragraphs by a blank line). */
function lines(adf: unknown): string {
  const doc = adf as { content?: Array<{ content?: Array<{ text?: string }> }> };
  return (doc.content ?? []).map((p) => (p.content ?? []).map((t) => t.text ?? '').join('')).join('\n');
}

type ForgeFetch = (target: Record<string, unknown>, path: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>;

export async function emulatorWorld(): Promise<PortWorld> {
  let now = START;
  const emu = createEmulator({ clock: { now: () => now }, appHandlers: noApp });
  emu.install();
  emu.seedSite({ projects: [{ key: 'SUP', name: 'Support' }] });
  const fetchAs =
    (target: Record<string, unknown>): JiraFetch =>
    (route, init) =>
      (globalThis as unknown as { __forge_fetch__: ForgeFetch }).__forge_fetch__(target, route.value, init);
  const store = new MemoryStore();
  const port = (fetch: JiraFetch) => {
    const http = new JiraHttp(fetch, defaultRetryPolicy({ sleep: async () => undefined }), () => now);
    return new ForgeJiraAdapter(http, fieldDirectory(new JiraHttp(fetchAs({ type: 'fpp', provider: 'app', remote: 'jira' }), defaultRetryPolicy()), store, APP_UUID, () => ENV_ID));
  };
  const app = port(fetchAs({ type: 'fpp', provider: 'app', remote: 'jira' }));
  const issue = (key: string) => emu.jira.issue(key)!;
  return {
    app,
    asUser: (accountId) => port(fetchAs({ type: 'fpp', provider: 'user', remote: 'jira', accountId })),
    now: () => now,
    advance(ms) {
      now += ms;
    },
    createRequest: (input = {}) =>
      emu.actions.createIssue({ projectKey: 'SUP', summary: 'Printer offline', reporter: CUSTOMER, ...(input.package ? { package: input.package } : {}), ...(input.priority ? { priority: input.priority } : {}) }),
    moveTo: (key, status) => emu.actions.transition(key, status, AGENT),
    commentsOf: (key) => issue(key).comments.map((c) => ({ text: lines(c.body), internal: !c.jsdPublic })),
    labelsOf: (key) => [...(issue(key).labels ?? [])],
    notificationsOf: (key) => emu.jira.notifications.filter((n) => n.issueKey === key).length,
    close: () => emu.close(),
  };
}
