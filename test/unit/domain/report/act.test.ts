// The customer act: hand-counted rows of one customer and month, with the package's validity and
// quota, and its CSV in both languages.
import { actCustomers, customerAct, type ReportClock, type ReportRow } from '../../../../src/domain/report';
import { actCsv } from '../../../../src/domain/report/act-csv';
import type { SlaConfig } from '../../../../src/domain/sla';
import { TEMPLATES } from '../../../../src/domain/templates';

const met = (elapsed = 30, goal = 60): ReportClock => ({ state: 'met', stopped: true, elapsedMinutes: elapsed, goalMinutes: goal });
const breached = (stopped = true): ReportClock => ({ state: 'breached', stopped, elapsedMinutes: 90, goalMinutes: 60 });
const running: ReportClock = { state: 'running', stopped: false, elapsedMinutes: 10, goalMinutes: 60 };

let n = 0;
function row(p: Partial<ReportRow>): ReportRow {
  n++;
  return {
    key: `ALT-${n}`, project: 'ALT', createdMs: Date.parse('2026-11-10T10:00:00Z'), month: '2026-11', package: TEMPLATES.altec.packages[0]!.id, priority: '2', customer: 'ООО «Ромашка»', agent: null,
    reaction: met(), resolution: met(), followUp: [], pausedMinutes: 0, computedAtMs: Date.parse('2026-12-01T09:00:00Z') + n, answers: 1, accountedMinutes: 30, ...p,
  };
}

const base = TEMPLATES.altec;
const config: SlaConfig = {
  ...base,
  packages: base.packages.map((p, i) => (i === 0 ? { ...p, hoursQuota: { hoursPerMonth: 2 } } : p)),
  customers: [{ match: { organization: 'ооо «ромашка»' }, package: base.packages[0]!.id, validFrom: '2026-11-15', validTo: null, note: null }],
};
const pkg = base.packages[0]!.id;
const [p1, p2] = [base.priorities[0]!.id, base.priorities[1]!.id];

const rows = [
  row({ priority: p2, reaction: met(), resolution: met() }),
  row({ priority: p2, reaction: breached(), resolution: running, followUp: [met(), breached(false)], answers: 3, accountedMinutes: 90 }),
  row({ priority: p1, reaction: met(), resolution: breached(), answers: 2, accountedMinutes: 60 }),
  row({ priority: null, reaction: null, resolution: met() }),
  // Other month and other customer: not in the act.
  row({ month: '2026-10', priority: p1 }),
  row({ customer: 'ИП Иванов', priority: p1 }),
];

describe('customer act', () => {
  const act = customerAct(config, rows, 'ООО «Ромашка»', '2026-11');

  it('counts the customer\'s requests of the month per priority, configured order first, none last', () => {
    expect(act.requests).toBe(4);
    expect(act.byPriority.map((l) => [l.priority, l.requests])).toEqual([[p1, 1], [p2, 2], [null, 1]]);
    const l2 = act.byPriority[1]!;
    expect(l2.clocks.reaction).toEqual({ met: 1, breached: 1, open: 0, metPercent: 50 });
    expect(l2.clocks.resolution).toEqual({ met: 1, breached: 0, open: 1, metPercent: 100 });
    // A running breached follow-up cycle is breached, not open.
    expect(l2.clocks.followUp).toEqual({ met: 1, breached: 1, open: 0, metPercent: 50 });
    expect(act.total.clocks.resolution).toEqual({ met: 2, breached: 1, open: 1, metPercent: 66.7 });
    expect(act.unresolved).toBe(1);
  });

  it('says the package is valid for part of the month (from the 15th) and sets accounted hours against its quota', () => {
    expect(act.assignment).toEqual({ package: pkg, validFrom: '2026-11-15', validTo: null, coverage: 'part' });
    expect(act.answers).toBe(7);
    expect(act.accountedMinutes).toBe(210);
    expect(act.quotaMinutes).toBe(120);
    expect(act.overQuotaMinutes).toBe(90);
    expect(act.asOfMs).toBe(Math.max(...rows.slice(0, 4).map((r) => r.computedAtMs)));
  });

  it('an unassigned customer has no assignment and no quota unless its requests used a package with one', () => {
    const other = customerAct(config, rows, 'ИП Иванов', '2026-11');
    expect(other.assignment).toBeNull();
    expect(other.requests).toBe(1);
    expect(other.quotaMinutes).toBe(120);
    expect(customerAct({ ...config, packages: base.packages }, rows, 'ИП Иванов', '2026-11').quotaMinutes).toBeNull();
  });

  it('lists the month\'s customers for the picker', () => {
    expect(actCustomers(rows, '2026-11')).toEqual(['ИП Иванов', 'ООО «Ромашка»'].sort((a, b) => a.localeCompare(b)));
  });

  it('renders CSV in Russian with ; and decimal commas, in English with , and names', () => {
    const ru = actCsv(act, { locale: 'ru', priorityName: (id) => `P${id}` });
    expect(ru.startsWith('\uFEFFПриоритет;SLA;Обращений;в срок;нарушено;в работе;% в срок')).toBe(true);
    expect(ru).toContain('Учтённое время, ч;3,5;Норма пакета, ч в месяц;2');
    expect(ru).toContain('Сверх нормы, ч;1,5');
    expect(ru).toContain('Итого;Решение;4;2;1;1;66,7');
    const en = actCsv(act, { locale: 'en', priorityName: (id) => `P${id}` });
    expect(en).toContain(`P${p2},Reaction,2,1,1,0,50`);
    expect(en).toContain('No priority,Resolution,1,1,0,0,100');
  });
});
