import { attentionQueue, complianceOf, configProblems, GADGET_MESSAGES, parseConfig } from '../../../static/gadget/src/model';
import { placeholders } from '../../../static/shared/i18n';
import type { QueueRow, ReportView } from '../../../src/shared/contract';

const row = (issueKey: string, state: 'running' | 'atRisk' | 'breached' | 'paused', remainingMinutes: number): QueueRow => ({
  issueKey, summary: issueKey, status: 'Open', package: null, priority: null,
  mostUrgent: { kind: 'resolution', state, due: null, remainingMinutes },
});

describe('dashboard gadget model', () => {
  it('accepts only a complete configuration', () => {
    expect(parseConfig({ projectKey: 'sup', periodDays: 30, clock: 'resolution' })).toEqual({ projectKey: 'SUP', periodDays: 30, clock: 'resolution' });
    expect(parseConfig({ projectKey: 'SUP', periodDays: 45, clock: 'resolution' })).toBeNull();
    expect(parseConfig({ projectKey: 'SUP', periodDays: 7, clock: 'followUp' })).toBeNull();
    expect(parseConfig(null)).toBeNull();
    expect(configProblems({ projectKey: '1x', periodDays: 7, clock: 'x' })).toEqual(['edit.badProject', 'edit.badClock']);
  });

  it('lists breached requests first, then at-risk ones by time left, and nothing else', () => {
    const q = attentionQueue([row('A', 'running', 50), row('B', 'atRisk', 30), row('C', 'breached', -10), row('D', 'atRisk', 5), row('E', 'paused', 1)]);
    expect(q.map((r) => r.issueKey)).toEqual(['C', 'D', 'B']);
  });

  it('reads one clock’s compliance from the report', () => {
    const stats = (met: number, breached: number) => ({ met, breached, running: 1, atRisk: 1, paused: 1, metPercent: met + breached === 0 ? null : (met / (met + breached)) * 100, medianMinutes: null, p90Minutes: null });
    const report = { total: { requests: 9, clocks: { reaction: stats(3, 1), resolution: stats(0, 0), followUp: stats(0, 0) } } } as unknown as ReportView;
    expect(complianceOf(report, 'reaction')).toEqual({ metPercent: 75, met: 3, breached: 1, open: 3, requests: 9 });
    expect(complianceOf(report, 'resolution').metPercent).toBeNull();
  });

  it('has the same messages and placeholders in Russian and English', () => {
    const { en, ru } = GADGET_MESSAGES;
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as Array<keyof typeof en>) expect([k, placeholders(ru[k])]).toEqual([k, placeholders(en[k])]);
  });
});
