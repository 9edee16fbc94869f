// The update clock ("keep the customer informed every N working hours") on the ALTEC template
// (09:00–18:00 MSK) with a 2-hour interval for priority 1. Created Monday 2026-03-16 10:00 MSK.
import { parseSlaConfig } from '../../../../src/config';
import { computeClocks, type SlaConfig, type SlaEvent } from '../../../../src/domain/sla';
import { TEMPLATES } from '../../../../src/domain/templates';

const at = (s: string) => Date.parse(`${s}+03:00`);
const cfg: SlaConfig = { ...TEMPLATES.altec, updates: { by: 'priority', every: { '1': '2h' } } };
const created = at('2026-03-16T10:00:00');
const agent = (t: string): SlaEvent => ({ at: at(t), type: 'comment', by: 'agent' });
const customer = (t: string): SlaEvent => ({ at: at(t), type: 'comment', by: 'customer' });
const status = (t: string, to: string): SlaEvent => ({ at: at(t), type: 'status', to });
const run = (events: SlaEvent[], now: string, priority = '1') => computeClocks(cfg, { created, priority, events }, at(now));

describe('update clock', () => {
  it('has no cycle before the first agent answer', () => {
    expect(run([], '2026-03-16T11:00:00').update).toBeNull();
  });

  it('runs two working hours from each agent answer: answered at 10:15, due 12:15, at risk after 11:45', () => {
    const u = run([agent('2026-03-16T10:15:00')], '2026-03-16T11:50:00').update!;
    expect(u.due).toBe(at('2026-03-16T12:15:00'));
    expect(u.state).toBe('atRisk');
    expect(u.cycles).toHaveLength(1);
  });

  it('a second answer within the interval meets the first cycle and starts the next', () => {
    const u = run([agent('2026-03-16T10:15:00'), agent('2026-03-16T12:00:00')], '2026-03-16T12:30:00').update!;
    expect(u.cycles.map((c) => c.state)).toEqual(['met', 'running']);
    expect(u.due).toBe(at('2026-03-16T14:00:00'));
  });

  it('a silence of three working hours breaches; the night does not count (17:00 answer is due 10:00 next day)', () => {
    expect(run([agent('2026-03-16T10:15:00')], '2026-03-16T13:15:00').update!.state).toBe('breached');
    expect(run([agent('2026-03-16T17:00:00')], '2026-03-16T20:00:00').update!.due).toBe(at('2026-03-17T10:00:00'));
  });

  it('waiting for the customer pauses it, and the wait does not count', () => {
    const events = [agent('2026-03-16T10:15:00'), status('2026-03-16T11:15:00', 'Waiting for customer'), customer('2026-03-16T14:00:00'), status('2026-03-16T14:00:00', 'In Progress')];
    expect(run(events.slice(0, 2), '2026-03-16T13:00:00').update!.state).toBe('paused');
    // 1 h before the wait + 1 h after it: due at 15:00.
    expect(run(events, '2026-03-16T14:30:00').update!.due).toBe(at('2026-03-16T15:00:00'));
  });

  it('resolving the request ends the cycle (met within the interval); answers after the resolution start none', () => {
    const u = run([agent('2026-03-16T10:15:00'), status('2026-03-16T11:00:00', 'Resolved'), agent('2026-03-16T11:30:00')], '2026-03-16T16:00:00').update!;
    expect(u.cycles.map((c) => [c.state, c.stoppedAt])).toEqual([['met', at('2026-03-16T11:00:00')]]);
  });

  it('only packages and priorities with an interval have the clock; a configuration without updates has no field', () => {
    expect(run([agent('2026-03-16T10:15:00')], '2026-03-16T11:00:00', '2').update).toBeNull();
    expect('update' in computeClocks(TEMPLATES.altec, { created, priority: '1', events: [agent('2026-03-16T10:15:00')] }, at('2026-03-16T11:00:00'))).toBe(false);
  });

  it('its breach is the sweep\'s next check', () => {
    const set = run([agent('2026-03-16T10:15:00'), status('2026-03-16T10:20:00', 'In Progress')], '2026-03-16T10:30:00');
    expect(set.nextCheckAt).toBe(at('2026-03-16T11:45:00'));
  });

  it.each([
    [{ by: 'priority', every: { '9': '2h' } }, 'updates.every.9'],
    [{ by: 'priority', every: { '1': 'often' } }, 'updates.every.1'],
    [{ by: 'matrix', every: { [TEMPLATES.altec.packages[0]!.id]: '2h' } }, `updates.every.${TEMPLATES.altec.packages[0]!.id}`],
  ])('the configuration refuses %j at %s', (updates, path) => {
    const r = parseSlaConfig({ ...JSON.parse(JSON.stringify(TEMPLATES.altec)), updates });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain(path);
  });
});
