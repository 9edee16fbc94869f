import { slaRequestSchema, type SlaRequestInput } from '../../../../src/config';
import { customerWaitMinutes, journalEntryFromRequest, journalStatusAt, monthOf, reportRowFromClocks } from '../../../../src/domain/report';
import { computeClocks } from '../../../../src/domain/sla';
import { TEMPLATES } from '../../../../src/domain/templates';

const barier = TEMPLATES.barier;
const req = (r: SlaRequestInput) => slaRequestSchema.parse(r);
const at = (s: string): number => Date.parse(s);

describe('customerWaitMinutes', () => {
  // Barier: Mon–Fri 09:00–18:00 Moscow. 2026-03-09 is the holiday moved from Sunday 8 March.
  it('counts working minutes in customer-wait statuses only', () => {
    const r = req({
      key: 'SUP-1',
      created: '2026-03-10T10:00:00+03:00',
      events: [
        { at: '2026-03-10T11:00:00+03:00', type: 'status', to: 'Waiting for customer' },
        { at: '2026-03-10T14:00:00+03:00', type: 'status', to: 'In Progress' }, // 180
        { at: '2026-03-13T17:00:00+03:00', type: 'status', to: 'Waiting for customer' },
        { at: '2026-03-16T10:00:00+03:00', type: 'status', to: 'In Progress' }, // Fri 60 + Mon 60
      ],
    });
    expect(customerWaitMinutes(barier, r, 'contract', at('2026-03-20T12:00:00+03:00'))).toBe(300);
  });

  it('counts a wait that is still going on up to now, and nothing after now', () => {
    const r = req({
      created: '2026-03-10T10:00:00+03:00',
      events: [
        { at: '2026-03-10T16:00:00+03:00', type: 'status', to: 'Waiting for customer' },
        { at: '2026-03-12T10:00:00+03:00', type: 'status', to: 'In Progress' },
      ],
    });
    expect(customerWaitMinutes(barier, r, 'contract', at('2026-03-11T10:00:00+03:00'))).toBe(180);
  });

  it('reports the wait for a regulation without a resolution goal too', () => {
    const r = req({
      created: '2026-03-10T10:00:00+03:00',
      package: 'optimal',
      events: [
        { at: '2026-03-10T11:00:00+03:00', type: 'status', to: 'Waiting for customer' },
        { at: '2026-03-10T11:45:00+03:00', type: 'status', to: 'In Progress' },
      ],
    });
    expect(TEMPLATES.agentplus.goals.resolution).toBeUndefined();
    expect(customerWaitMinutes(TEMPLATES.agentplus, r, 'optimal', at('2026-03-11T10:00:00+03:00'))).toBe(45);
  });
});

describe('reportRowFromClocks', () => {
  it('keeps each clock state, whether it stopped, its minutes and goal, and every follow-up cycle', () => {
    const r = req({
      key: 'SUP-12',
      created: '2026-03-10T10:00:00+03:00',
      priority: 2,
      customer: { organization: 'АКБ Барьер' },
      events: [
        { at: '2026-03-10T10:30:00+03:00', type: 'comment', by: 'agent' },
        { at: '2026-03-10T11:00:00+03:00', type: 'comment', by: 'customer' },
        { at: '2026-03-10T15:00:00+03:00', type: 'comment', by: 'agent' }, // cycle 1: 240 min > 180 goal
        { at: '2026-03-11T09:00:00+03:00', type: 'comment', by: 'customer' }, // cycle 2 running
      ],
    });
    const now = at('2026-03-11T10:00:00+03:00');
    const clocks = computeClocks(barier, r, now);
    const row = reportRowFromClocks(barier, r, clocks, now, { agent: 'Рудаков А.' });
    expect(row).toMatchObject({ key: 'SUP-12', project: 'SUP', package: 'contract', priority: '2', customer: 'АКБ Барьер', agent: 'Рудаков А.', month: '2026-03', computedAtMs: now });
    expect(row.reaction).toEqual({ state: 'met', stopped: true, elapsedMinutes: 30, goalMinutes: 180 });
    // Priority 2 resolution goal 8h; 9 working hours by now (Tue 10–18, Wed 9–10): breached, still running.
    expect(row.resolution).toEqual({ state: 'breached', stopped: false, elapsedMinutes: 540, goalMinutes: 480 });
    // Barier 5.2: at least 30 minutes accounted per answer; two agent answers by now.
    expect([row.answers, row.accountedMinutes]).toEqual([2, 60]);
    expect(row.followUp).toEqual([
      { state: 'breached', stopped: true, elapsedMinutes: 240, goalMinutes: 180 },
      { state: 'running', stopped: false, elapsedMinutes: 60, goalMinutes: 180 },
    ]);
  });

  it('puts a request into the month of its creation on the support team wall clock', () => {
    expect(monthOf(Date.parse('2026-03-31T22:30:00Z'), 'Europe/Moscow')).toBe('2026-04');
    expect(monthOf(Date.parse('2026-03-31T22:30:00Z'), 'UTC')).toBe('2026-03');
    // New York turns its clocks on 2026-03-08; the last hour of February is still UTC−5.
    expect(monthOf(Date.parse('2026-03-01T04:30:00Z'), 'America/New_York')).toBe('2026-02');
    expect(monthOf(Date.parse('2026-03-01T05:00:00Z'), 'America/New_York')).toBe('2026-03');
    // Lord Howe moves 30 minutes on 2026-04-05 02:00 local; around the turn of a month with a transition day, every minute agrees with Intl.
    for (let ms = Date.parse('2026-04-04T12:00:00Z'); ms < Date.parse('2026-04-05T12:00:00Z'); ms += 7 * 60_000) {
      const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Lord_Howe', year: 'numeric', month: '2-digit' }).format(ms).slice(0, 7);
      expect(monthOf(ms, 'Australia/Lord_Howe')).toBe(local);
    }
  });

  it('takes the project from the key unless told', () => {
    const r = req({ key: 'MY-PROJ-3', created: '2026-03-10T10:00:00+03:00', events: [] });
    const now = at('2026-03-10T11:00:00+03:00');
    const clocks = computeClocks(barier, r, now);
    expect(reportRowFromClocks(barier, r, clocks, now).project).toBe('MY-PROJ');
    expect(reportRowFromClocks(barier, r, clocks, now, { project: 'X' }).project).toBe('X');
    expect(reportRowFromClocks(TEMPLATES.altec, r, computeClocks(TEMPLATES.altec, r, now), now).accountedMinutes).toBe(0);
  });
});

describe('journal entries', () => {
  const r = req({
    key: 'SUP-5',
    created: '2026-03-10T10:00:00+03:00',
    priority: 1,
    customer: { organization: 'АКБ Барьер' },
    events: [
      { at: '2026-03-10T10:10:00+03:00', type: 'status', to: 'In Progress' },
      { at: '2026-03-10T12:00:00+03:00', type: 'status', to: 'Resolved' },
      { at: '2026-03-11T13:00:00+03:00', type: 'status', to: 'Closed' },
    ],
  });

  it('says Открыта / Завершена / Закрыта by the status role at now', () => {
    expect(journalStatusAt(barier, r, at('2026-03-10T11:00:00+03:00'))).toBe('open');
    expect(journalStatusAt(barier, r, at('2026-03-10T13:00:00+03:00'))).toBe('resolved');
    expect(journalStatusAt(barier, r, at('2026-03-12T09:00:00+03:00'))).toBe('closed');
  });

  it('builds the progress column from the history up to now', () => {
    const now = at('2026-03-10T13:00:00+03:00');
    const e = journalEntryFromRequest(barier, r, computeClocks(barier, r, now), now, { text: 'Сбой', locale: 'ru' });
    expect(e).toMatchObject({ key: 'SUP-5', priority: '1', organization: 'АКБ Барьер', status: 'resolved', text: 'Сбой' });
    expect(e.progress.map((p) => p.text)).toEqual(['Заявка зарегистрирована, передано в ТП.', 'Статус: In Progress.', 'Статус: Resolved.']);
  });
});
