// `sla evaluate` and the batch op "evaluate", run in-process with captured output.

import { runSla } from './run-in-process';
import { TEMPLATES } from '../../../src/domain/templates';

const run = runSla;

const REQUEST = {
  key: 'SUP-1',
  created: '2026-03-06T16:30:00+03:00',
  priority: 2,
  events: [
    { at: '2026-03-10T10:00:00+03:00', type: 'comment', by: 'agent' },
    { at: '2026-03-10T11:00:00+03:00', type: 'comment', by: 'customer' },
  ],
};

describe('sla evaluate', () => {
  it('prints the clocks of one request with instants in the calendar zone', async () => {
    const r = await run(['evaluate', '--template', 'altec', '--now', '2026-03-10T12:00:00+03:00'], [JSON.stringify(REQUEST)]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toHaveLength(1);
    const o = JSON.parse(r.out[0]!);
    // Fri 16:30–18:00 (90 min), Mon 9 Mar is the moved 8 March holiday, Tue 09:00–10:00 (60 min).
    expect(o.key).toBe('SUP-1');
    expect(o.reaction).toMatchObject({ state: 'breached', goal: '30m', goalMinutes: 30, elapsedMinutes: 150, due: '2026-03-06T17:00:00+03:00', stoppedAt: '2026-03-10T10:00:00+03:00' });
    // Resolution 2wd = 18 h: 90 + 180 spent at 12:00; 810 min left → Tue 12–18 (6 h), Wed 09:00 + 7.5 h → 16:30.
    expect(o.resolution).toMatchObject({ state: 'running', elapsedMinutes: 270, due: '2026-03-11T16:30:00+03:00' });
    // Follow-up from 11:00 (30m) → 11:30, breached by 12:00.
    expect(o.followUp).toMatchObject({ state: 'breached', due: '2026-03-10T11:30:00+03:00', cycles: [{ state: 'breached' }] });
    expect(o.autoClose).toBeNull();
    // Resolution at risk once 810 min are spent (75% of 1080): 540 more from 12:00 → Wed 12:00.
    expect(o.nextCheckAt).toBe('2026-03-11T12:00:00+03:00');
  });

  it('prints one line per request for {"requests": […]}', async () => {
    const second = { ...REQUEST, key: 'SUP-2', events: [] };
    const r = await run(['evaluate', '--template', 'altec', '--now', '2026-03-10T12:00:00+03:00'], [JSON.stringify({ requests: [REQUEST, second] })]);
    expect(r.code).toBe(0);
    expect(r.out.map((l) => JSON.parse(l).key)).toEqual(['SUP-1', 'SUP-2']);
  });

  it('reads a configuration file and includes the history on request', async () => {
    const files = { 'cfg.json': JSON.stringify(TEMPLATES.barier) };
    const r = await run(['evaluate', '--config', 'cfg.json', '--now', '2026-03-10T12:00:00+03:00', '--history'], [JSON.stringify(REQUEST)], files);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out[0]!);
    expect(o.reaction.goal).toBe('3h');
    expect(o.history).toContainEqual({ at: '2026-03-10T10:00:00+03:00', clock: 'reaction', what: 'stopped', detail: 'agent comment' });
  });

  it('names the path of an invalid configuration file and prints nothing on stdout', async () => {
    const cfg = JSON.parse(JSON.stringify(TEMPLATES.altec));
    cfg.goals.resolution['5'] = '1h';
    const r = await run(['evaluate', '--config', 'bad.json', '--now', '2026-03-10T12:00:00+03:00'], [JSON.stringify(REQUEST)], { 'bad.json': JSON.stringify(cfg) });
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toContain('goals.resolution["5"]: unknown priority "5"');
  });

  it('rejects an instant without an offset in the request', async () => {
    const r = await run(['evaluate', '--template', 'altec', '--now', '2026-03-10T12:00:00+03:00'], [JSON.stringify({ ...REQUEST, created: '2026-03-06T16:30' })]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/request\.created: expected an ISO-8601 instant with offset/);
  });

  it('asks for exactly one of --template and --config', async () => {
    const r = await run(['evaluate', '--now', '2026-03-10T12:00:00+03:00'], [JSON.stringify(REQUEST)]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/exactly one of --template <id> or --config <file.json>/);
  });

  it('rejects an unknown template by listing the five', async () => {
    const r = await run(['evaluate', '--template', 'acme', '--now', '2026-03-10T12:00:00+03:00'], [JSON.stringify(REQUEST)]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/unknown template "acme" \(templates: agentplus, advantshop, pass24, altec, barier\)/);
  });
});

describe('sla batch, op "evaluate"', () => {
  it('answers one line with reaction, resolution, followUp and autoClose', async () => {
    const line = JSON.stringify({
      op: 'evaluate',
      template: 'pass24',
      now: '2026-03-17T12:00:00+03:00',
      issue: { created: '2026-03-17T10:00:00+03:00', priority: 'high', events: [{ at: '2026-03-17T11:00:00+03:00', type: 'status', to: 'Resolved' }] },
    });
    const r = await run(['batch'], [line]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    const o = JSON.parse(r.out[0]!);
    expect(Object.keys(o).sort()).toEqual(['autoClose', 'followUp', 'reaction', 'resolution']);
    expect(o.reaction).toBeNull();
    expect(o.followUp).toBeNull();
    expect(o.autoClose).toBeNull();
    expect(o.resolution).toMatchObject({ state: 'met', elapsedMinutes: 60, stoppedAt: '2026-03-17T11:00:00+03:00', due: null });
  });

  it('accepts an inline configuration and reports auto-close as {"at": ISO}', async () => {
    const line = JSON.stringify({
      op: 'evaluate',
      config: TEMPLATES.barier,
      now: '2026-03-17T16:00:00+03:00',
      issue: { created: '2026-03-17T09:00:00+03:00', priority: 1, events: [{ at: '2026-03-17T15:00:00+03:00', type: 'status', to: 'Resolved' }] },
    });
    const o = JSON.parse((await run(['batch'], [line])).out[0]!);
    expect(o.autoClose).toEqual({ at: '2026-03-18T15:00:00+03:00' });
    // P1 4 h: 6 h spent when resolved → breached, due when the goal was reached (13:00).
    expect(o.resolution).toMatchObject({ state: 'breached', due: '2026-03-17T13:00:00+03:00' });
  });

  it('adds the warnings when there are any: an unknown priority and a year without production-calendar data', async () => {
    const line = (created: string, priority: number | string) =>
      JSON.stringify({ op: 'evaluate', template: 'barier', now: created, issue: { created, priority } });
    const r = await run(['batch'], [line('2026-03-02T10:00:00+03:00', 7), line('2028-03-01T10:00:00+03:00', 1)]);
    expect(JSON.parse(r.out[0]!).warnings).toEqual(['unknown priority "7"; default priority "3" applies']);
    expect(JSON.parse(r.out[1]!).warnings.join(' ')).toMatch(/no production calendar data for 2028/);
  });

  it('answers a bad line with an error and keeps going', async () => {
    const good = JSON.stringify({ op: 'evaluate', template: 'altec', now: '2026-03-17T12:00:00+03:00', issue: { created: '2026-03-17T10:00:00+03:00', priority: 1 } });
    const bad = JSON.stringify({ op: 'evaluate', template: 'altec', now: '2026-03-17T12:00:00+03:00', issue: { created: 'yesterday' } });
    const r = await run(['batch'], [bad, good]);
    expect(r.out).toHaveLength(2);
    expect(JSON.parse(r.out[0]!).error).toMatch(/issue\.created: expected an ISO-8601 instant with offset/);
    expect(JSON.parse(r.out[1]!).reaction.state).toBe('breached');
  });
});
