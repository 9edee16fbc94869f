import type { IssueSlaView } from '../../../src/shared/contract';
import { installDevBridge } from '../../../static/shared/dev-bridge';

// @forge/bridge reads the host's bridge when it is imported, so the fake goes in first and the
// wrapper is loaded afterwards.
const bridge = installDevBridge({
  context: { locale: 'ru_RU', timezone: 'Europe/Moscow', moduleKey: 'sla-issue-panel', extension: { type: 'jira:issuePanel' } },
  resolvers: {
    getIssueBadge: (payload) =>
      payload.issueKey === 'SUP-1'
        ? { ok: true, data: { label: '1h 20m', state: 'running', due: null } }
        : { ok: false, error: { code: 'FORBIDDEN', message: 'no browse permission', issues: [{ path: 'issueKey', message: 'x' }] } },
    getIssueSla: () => {
      throw new Error('resolver crashed');
    },
    listJiraStatuses: () => ({ nonsense: true }) as never,
  },
});

type Api = typeof import('../../../static/shared/api');
let api: Api;
beforeAll(async () => {
  api = await import('../../../static/shared/api');
});

describe('call', () => {
  it('passes the payload through invoke and returns the data envelope', async () => {
    const env = await api.call('getIssueBadge', { issueKey: 'SUP-1' });
    expect(env).toEqual({ ok: true, data: { label: '1h 20m', state: 'running', due: null } });
    expect(bridge.calls.at(-1)).toEqual({ name: 'invoke', payload: { functionKey: 'getIssueBadge', payload: { issueKey: 'SUP-1' }, metadata: undefined } });
  });

  it('keeps the error code, message and field issues of a failed call', async () => {
    const env = await api.call('getIssueBadge', { issueKey: 'OTHER-1' });
    expect(env).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'no browse permission', issues: [{ path: 'issueKey', message: 'x' }] } });
  });

  it('turns a thrown bridge error into an INTERNAL envelope instead of throwing', async () => {
    const env: Awaited<ReturnType<typeof api.call<'getIssueSla'>>> = await api.call('getIssueSla', { issueKey: 'SUP-1' });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error).toEqual({ code: 'INTERNAL', message: 'resolver crashed' });
  });

  it('reports an answer that is not an envelope as INTERNAL', async () => {
    const env = await api.call('listJiraStatuses', {});
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.code).toBe('INTERNAL');
  });
});

describe('toEnvelope', () => {
  it('maps an unknown error code to INTERNAL but keeps the message', () => {
    expect(api.toEnvelope<IssueSlaView>('x', { ok: false, error: { code: 'WHATEVER', message: 'boom' } })).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });
});

describe('the dev bridge', () => {
  it('delivers JIRA_ISSUE_CHANGED to subscribers until they unsubscribe', async () => {
    const { events } = await import('@forge/bridge');
    const seen: unknown[] = [];
    const sub = await events.on('JIRA_ISSUE_CHANGED', (p) => seen.push(p));
    bridge.emit('JIRA_ISSUE_CHANGED', { issueId: '1' });
    sub.unsubscribe();
    bridge.emit('JIRA_ISSUE_CHANGED', { issueId: '2' });
    expect(seen).toEqual([{ issueId: '1' }]);
  });
});
