import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runSla } from './run-in-process';

const root = path.resolve(__dirname, '../../..');

const run = runSla;

describe('sla due', () => {
  it('prints the due instant with seconds and the calendar zone’s offset', async () => {
    const r = await run(['due', '--calendar', 'altec', '--start', '2026-03-10T09:00:00+03:00', '--goal', '3h']);
    expect(r).toEqual({ code: 0, out: ['2026-03-10T12:00:00+03:00'], err: [] });
  });
  it('applies repeated --pause options and reads offset-less times in the calendar zone', async () => {
    const r = await run([
      'due', '--calendar', 'barier', '--start', '2026-03-10T14:00', '--goal', '4h',
      '--pause', '2026-03-10T15:00:00+03:00/2026-03-10T16:00:00+03:00',
      '--pause', '2026-03-10T17:00:00+03:00/2026-03-10T17:30:00+03:00',
    ]);
    expect(r.out).toEqual(['2026-03-11T10:30:00+03:00']);
  });
  it('takes the smallest limit of a combined goal and prints JSON with --json', async () => {
    const r = await run(['due', '--calendar', 'pass24', '--start', '2026-03-10T09:00:00+03:00', '--goal', '48h,5bd', '--json']);
    // 5 business days from Tuesday 09:00 are 45 working hours, reached at Monday's closing time.
    expect(JSON.parse(r.out[0]!)).toEqual({ due: '2026-03-16T18:00:00+03:00' });
  });
  it('reports coverage warnings on stderr (and in JSON) for years without production data', async () => {
    const plain = await run(['due', '--calendar', 'barier', '--start', '2028-01-05T10:00:00+03:00', '--goal', '1h']);
    expect(plain.out).toEqual(['2028-01-05T11:00:00+03:00']);
    expect(plain.err).toEqual(['warning: 2028-01-05: no production calendar data for 2028; weekdays counted as working days']);
    const json = await run(['due', '--calendar', 'barier', '--start', '2028-01-05T10:00:00+03:00', '--goal', '1h', '--json']);
    expect(JSON.parse(json.out[0]!).warnings).toHaveLength(1);
  });
  it('reads a calendar definition from a JSON file', async () => {
    const file = JSON.stringify({ timezone: 'Asia/Kathmandu', week: { mon: [['10:00', '12:00']] } });
    const r = await run(['due', '--calendar', 'cal.json', '--start', '2026-03-09T11:00:00+05:45', '--goal', '2h'], [], { 'cal.json': file });
    expect(r.out).toEqual(['2026-03-16T11:00:00+05:45']);
  });
  it.each([
    [['due', '--calendar', 'altec', '--start', '2026-03-10T09:00:00+03:00', '--goal', '3 hours'], /--goal: goal "3 hours"/],
    [['due', '--calendar', 'altec', '--goal', '3h'], /--start: required/],
    [['due', '--calendar', 'nowhere', '--start', '2026-03-10T09:00:00+03:00', '--goal', '3h'], /"nowhere" is neither a calendar id/],
    [['due', '--calendar', 'altec', '--start', 'tomorrow', '--goal', '3h'], /--start: "tomorrow" is not an ISO-8601/],
    [['due', '--calendar', 'altec', '--start', '2026-03-10T09:00:00+03:00', '--goal', '3h', '--pause', '2026-03-10'], /--pause #1: expected two ISO instants/],
    [['due', '--calendar', 'altec', '--colour', 'red'], /Unknown option '--colour'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('exits with code 2 and a message on stderr for bad input %#', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toMatch(message);
  });
  it('names the field of an invalid calendar file', async () => {
    const file = JSON.stringify({ timezone: 'Europe/Moscow', week: { mon: [['09:00', '13:00'], ['12:00', '18:00']] } });
    const r = await run(['due', '--calendar', 'bad.json', '--start', '2026-03-10T09:00:00+03:00', '--goal', '1h'], [], { 'bad.json': file });
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/week\.mon\[1\]: intervals overlap/);
  });
});

describe('sla elapsed and stats', () => {
  it('prints working minutes between two instants, fractional when needed', async () => {
    const r = await run(['elapsed', '--calendar', 'barier', '--from', '2026-03-06T17:00:00+03:00', '--to', '2026-03-10T09:00:30+03:00']);
    expect(r.out).toEqual(['60.5']);
  });
  it('subtracts pauses from elapsed time', async () => {
    const r = await run([
      'elapsed', '--calendar', 'barier', '--from', '2026-03-10T09:00:00+03:00', '--to', '2026-03-10T18:00:00+03:00',
      '--pause', '2026-03-10T12:00:00+03:00/2026-03-10T20:00:00+03:00',
    ]);
    expect(r.out).toEqual(['180']);
  });
  it('rejects --to before --from', async () => {
    const r = await run(['elapsed', '--calendar', 'barier', '--from', '2026-03-10T10:00:00+03:00', '--to', '2026-03-10T09:00:00+03:00']);
    expect(r.code).toBe(2);
  });
  it('prints a year’s stats as JSON with --json and as a table without', async () => {
    const json = await run(['stats', '--calendar', 'altec', '--year', '2026', '--json']);
    const stats = JSON.parse(json.out[0]!);
    expect(stats.workingDays).toBe(247);
    expect(stats.perMonth).toHaveLength(12);
    expect(stats.perMonth[0]).toEqual({ month: 1, workingDays: 15, workingHours: 135 });
    const table = await run(['stats', '--calendar', 'altec', '--year', '2026']);
    expect(table.out).toHaveLength(14);
    expect(table.out[13]).toMatch(/2026\s+247\s+2219/);
  });
  it('rejects a year that is not a number', async () => {
    const r = await run(['stats', '--calendar', 'altec', '--year', 'next']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/--year/);
  });
});

describe('sla batch', () => {
  it('answers one JSON line per input line, in order, and never stops on a bad line', async () => {
    const lines = [
      JSON.stringify({ op: 'due', calendar: 'altec', start: '2026-03-10T09:00:00+03:00', goal: '4h', pauses: [['2026-03-10T10:00:00+03:00', '2026-03-10T11:00:00+03:00']] }),
      'not json',
      JSON.stringify({ op: 'launch' }),
      JSON.stringify({ op: 'elapsed', calendar: '24x7', from: '2026-03-10T09:00:00Z', to: '2026-03-10T10:30:00Z' }),
      '',
      JSON.stringify({ op: 'stats', calendar: { timezone: 'UTC', week: { sat: [['10:00', '12:00']] } }, year: 2026 }),
      JSON.stringify({ op: 'due', calendar: { timezone: 'UTC', week: { mon: [['18:00', '09:00']] } }, start: '2026-03-10T09:00:00Z', goal: '1h' }),
      JSON.stringify({ op: 'due', calendar: 'barier', start: '2027-12-31T17:00:00+03:00', goal: '2h' }),
    ];
    const r = await run(['batch'], lines);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(lines.length);
    const answers = r.out.map((l) => JSON.parse(l));
    expect(answers[0]).toEqual({ due: '2026-03-10T14:00:00+03:00' });
    expect(answers[1].error).toMatch(/not valid JSON/);
    expect(answers[2].error).toMatch(/op: expected one of due, elapsed, stats/);
    expect(answers[3]).toEqual({ minutes: 90 });
    expect(answers[4].error).toMatch(/empty line/);
    expect(answers[5]).toMatchObject({ workingDays: 52, workingHours: 104 });
    expect(answers[6].error).toMatch(/week\.mon\[0\]: interval ends/);
    expect(answers[7]).toEqual({
      due: '2028-01-03T11:00:00+03:00', // 2027-12-31 is a day off
      warnings: ['2028-01-01: no production calendar data for 2028; weekdays counted as working days'],
    });
  });
});

describe('the sla script as a process', () => {
  const sla = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/sla.ts'), ...args], {
      cwd: root,
      input,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'America/New_York' },
    });

  it('prints only the result on stdout and exits 0', () => {
    const r = sla(['due', '--calendar', 'altec', '--start', '2026-03-10T09:00:00+03:00', '--goal', '3h']);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '2026-03-10T12:00:00+03:00\n', '']);
  });

  it('exits 2 with the reason on stderr for bad input', () => {
    const r = sla(['due', '--calendar', 'altec', '--start', '2026-03-10T09:00:00+03:00', '--goal', 'soon']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--goal/);
  });

  it('streams batch answers for stdin lines and reads a calendar file from disk', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sla-'));
    const file = path.join(dir, 'cal.json');
    writeFileSync(file, JSON.stringify({ timezone: 'UTC', week: { mon: [['09:00', '17:00']] } }));
    const input = `${JSON.stringify({ op: 'due', calendar: file, start: '2026-03-09T16:00:00Z', goal: '2h' })}\n{}\n`;
    const r = sla(['batch'], input);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { due: '2026-03-16T10:00:00+00:00' },
      { error: expect.stringMatching(/op/) },
    ]);
  });
});
