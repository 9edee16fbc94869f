import { buildReport, packReportRow, type ReportRow } from '../../../src/domain/report';
import type { ReportView } from '../../../src/shared/contract';
import { placeholders, translator } from '../../../static/shared/i18n';
import { adfText, entryOf, journalStatusOf } from '../../../static/reports/src/journal-model';
import { REPORTS_MESSAGES } from '../../../static/reports/src/messages';
import { breachDimension, breachesBy, breachesByPriority, clocksInUse, complianceSeries, groupLabel, groupsOf, monthLabel, presetPeriod, rowsOf, todayIn, unknownCustomers, weekLabel, weekOf, weeklyComplianceSeries } from '../../../static/reports/src/model';
import { clk, row } from '../domain/report/rows';

function viewOf(rows: ReportRow[]): ReportView {
  return {
    from: '2026-01-01T00:00:00+03:00',
    to: '2026-04-01T00:00:00+03:00',
    now: '2026-04-08T12:00:00+03:00',
    timezone: 'Europe/Moscow',
    projects: [{ key: 'SUP', name: 'Support' }],
    ...buildReport(rows),
    names: { package: { optimal: { ru: 'Оптимальный', en: 'Optimal' } }, priority: { '1': { ru: 'Критический', en: 'Critical' } } },
    rows: rows.map(packReportRow),
    rowsTruncated: false,
    invalidRows: 0,
  };
}

const rows = [
  row({ month: '2026-01', priority: '1', reaction: clk('met', 20, 180), resolution: clk('breached', 300, 240) }),
  row({ month: '2026-01', priority: '2', reaction: clk('breached', 200, 180), resolution: clk('met', 100, 480) }),
  row({ month: '2026-02', priority: '1', reaction: clk('met', 10, 180), resolution: clk('running', 10, 240) }),
  row({ month: '2026-03', priority: null, reaction: clk('running', 5, 180) }),
];
const view = viewOf(rows);

describe('reports page model', () => {
  it('counts the requests whose customer is not known, for the warning (issue 16)', () => {
    expect(unknownCustomers(viewOf([row({ customer: 'ООО «Ромашка»' }), row({ customer: null }), row({ customer: null })]))).toBe(2);
    expect(unknownCustomers(viewOf([row({ customer: 'ООО «Ромашка»' })]))).toBe(0);
  });

  it('reads back the rows sent with the report', () => {
    expect(rowsOf(view)).toEqual(rows);
    expect(rowsOf({ ...view, rows: [...view.rows, ['broken']] })).toHaveLength(rows.length);
  });

  it('draws compliance per month from the same numbers as the report', () => {
    const series = complianceSeries(view);
    expect(series.map((s) => s.clock)).toEqual(['reaction', 'resolution']);
    expect(series[0]!.points).toEqual([
      { x: '2026-01', y: 50 },
      { x: '2026-02', y: 100 },
      { x: '2026-03', y: null },
    ]);
    expect(series[1]!.points.map((p) => p.y)).toEqual([50, null, null]);
  });

  it('counts breaches per priority per clock', () => {
    expect(breachesByPriority(view)).toEqual([
      { priority: '1', counts: { reaction: 0, resolution: 1, followUp: 0 } },
      { priority: '2', counts: { reaction: 1, resolution: 0, followUp: 0 } },
      { priority: '(none)', counts: { reaction: 0, resolution: 0, followUp: 0 } },
    ]);
  });

  it('splits breaches by package when the regulation has no priorities', () => {
    expect(breachDimension(view)).toBe('priority');
    const byPackageOnly = viewOf([row({ priority: null, package: 'basic', reaction: clk('breached', 900, 660) }), row({ priority: null, package: 'extended', reaction: clk('met', 10, 240) })]);
    expect(breachDimension(byPackageOnly)).toBe('package');
    expect(breachesBy(byPackageOnly, 'package')).toEqual([
      { key: 'basic', counts: { reaction: 1, resolution: 0, followUp: 0 } },
      { key: 'extended', counts: { reaction: 0, resolution: 0, followUp: 0 } },
    ]);
  });

  it('orders priorities and packages as the configuration does, not by their ids', () => {
    const ordered = viewOf([
      row({ priority: 'low', package: 'optimal', reaction: clk('breached', 900, 660) }),
      row({ priority: 'critical', package: 'basic', reaction: clk('met', 10, 240) }),
      row({ priority: 'medium', reaction: clk('met', 10, 240) }),
      row({ priority: null, reaction: clk('met', 10, 240) }),
    ]);
    ordered.names = {
      package: { optimal: { ru: 'Оптимальный', en: 'Optimal' }, basic: { ru: 'Базовый', en: 'Basic' } },
      priority: { critical: { ru: 'Критический', en: 'Critical' }, medium: { ru: 'Средний', en: 'Medium' }, low: { ru: 'Низкий', en: 'Low' } },
    };
    expect(breachesBy(ordered, 'priority').map((b) => b.key)).toEqual(['critical', 'medium', 'low', '(none)']);
    expect(groupsOf(ordered, 'priority').map(([k]) => k)).toEqual(['critical', 'medium', 'low', '(none)']);
    expect(groupsOf(ordered, 'package').map(([k]) => k)[0]).toBe('optimal');
  });

  it('shows only the clocks the configuration has', () => {
    expect(clocksInUse(view)).toEqual(['reaction', 'resolution']);
  });

  it('names groups the way people read them', () => {
    expect(groupLabel(view, 'package', 'optimal', 'ru', 'ru-RU', '—')).toBe('Оптимальный');
    expect(groupLabel(view, 'priority', '1', 'en', 'en-US', '—')).toBe('1 — Critical');
    expect(groupLabel(view, 'priority', '(none)', 'en', 'en-US', '(not set)')).toBe('(not set)');
    expect(monthLabel('2026-03', 'en-US')).toBe('March 2026');
    expect(monthLabel('2026-03', 'ru-RU')).toMatch(/^март 2026/);
  });

  it.each([
    ['thisMonth', { y: 2026, m: 3, d: 17 }, { from: '2026-03-01', to: '2026-03-17' }],
    ['lastMonth', { y: 2026, m: 1, d: 5 }, { from: '2025-12-01', to: '2025-12-31' }],
    ['lastMonth', { y: 2026, m: 3, d: 31 }, { from: '2026-02-01', to: '2026-02-28' }],
    ['quarter', { y: 2026, m: 2, d: 10 }, { from: '2025-12-01', to: '2026-02-10' }],
    ['year', { y: 2026, m: 11, d: 22 }, { from: '2026-01-01', to: '2026-11-22' }],
  ] as const)('gives the %s period around %j', (preset, today, expected) => {
    expect(presetPeriod(preset, today)).toEqual(expected);
  });

  it('puts a request into the week (from Monday) of its creation on the calendar wall clock', () => {
    expect(weekOf(Date.parse('2026-03-08T21:30:00Z'), 'Europe/Moscow')).toBe('2026-03-09'); // Monday 9 March, 00:30 in Moscow
    expect(weekOf(Date.parse('2026-03-08T21:30:00Z'), 'UTC')).toBe('2026-03-02');
    expect(weekLabel('2026-03-02', 'en-US')).toBe('Mar 2');
  });

  it('gives % met per week with every week of the span present', () => {
    const monday = Date.parse('2026-03-02T09:00:00+03:00');
    const week = 7 * 86_400_000;
    const rs = [
      row({ createdMs: monday, reaction: clk('met', 5, 180) }),
      row({ createdMs: monday + 86_400_000, reaction: clk('breached', 500, 180) }),
      row({ createdMs: monday + 2 * week, reaction: clk('met', 5, 180), followUp: [clk('met', 1), clk('breached', 300)] }),
    ];
    const w = weeklyComplianceSeries(viewOf(rs), rs);
    expect(w.weeks).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(w.series.find((s) => s.clock === 'reaction')!.points.map((p) => p.y)).toEqual([50, null, 100]);
    expect(w.series.find((s) => s.clock === 'followUp')!.points.map((p) => p.y)).toEqual([null, null, 50]);
  });

  it('takes today in the viewer zone, not the host zone', () => {
    const ms = Date.parse('2026-12-31T22:30:00Z');
    expect(todayIn('Europe/Moscow', ms)).toEqual({ y: 2027, m: 1, d: 1 });
    expect(todayIn('America/New_York', ms)).toEqual({ y: 2026, m: 12, d: 31 });
  });
});

describe('request journal from Jira', () => {
  const adf = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Не запускается' }, { type: 'hardBreak' }, { type: 'text', text: 'АРМ' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'Срочно' }] }] };

  it('reads the text of Atlassian Document Format', () => {
    expect(adfText(adf).trim()).toBe('Не запускается\nАРМ\nСрочно');
    expect(adfText(null)).toBe('');
  });

  it('builds an entry with contacts, status and the course of the solution', () => {
    const r = row({ key: 'SUP-7', priority: '1', customer: 'АКБ Барьер', createdMs: Date.parse('2016-11-21T16:39:00+03:00') });
    const e = entryOf(
      {
        key: 'SUP-7',
        fields: {
          summary: 'Сбой',
          description: adf,
          status: { name: 'Closed', statusCategory: { key: 'done' } },
          reporter: { displayName: 'Иванов И.', emailAddress: 'ivanov@example.ru' },
          comment: {
            comments: [
              { created: '2016-11-21T17:30:00.000+0300', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Устранил причину сбоя.' }] }] }, author: { displayName: 'Рудаков А.' } },
              { created: '2016-11-21T17:00:00.000+0300', body: 'внутреннее', jsdPublic: false },
            ],
          },
        },
        changelog: { histories: [{ created: '2016-11-21T16:45:00.000+0300', items: [{ field: 'status', fieldId: 'status', toString: 'In Progress' }] }] },
      },
      r,
      'ru',
    );
    expect(e).toMatchObject({ key: 'SUP-7', priority: '1', organization: 'АКБ Барьер', status: 'closed', contacts: { name: 'Иванов И.', email: 'ivanov@example.ru' } });
    expect(e.text).toBe('Сбой\nНе запускается\nАРМ\nСрочно');
    expect(e.progress.map((p) => p.text)).toEqual(['Заявка зарегистрирована, передано в ТП.', 'Статус: In Progress.', 'Рудаков А.: Устранил причину сбоя.']);
  });

  it('tells a resolved request from a closed one', () => {
    expect(journalStatusOf({ name: 'Resolved', statusCategory: { key: 'done' } })).toBe('resolved');
    expect(journalStatusOf({ name: 'Closed', statusCategory: { key: 'done' } })).toBe('closed');
    expect(journalStatusOf({ name: 'In Progress', statusCategory: { key: 'indeterminate' } })).toBe('open');
  });
});

describe('the reports dictionary', () => {
  it('has the same keys and placeholders in Russian and English, none empty', () => {
    const { en, ru } = REPORTS_MESSAGES;
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    const keys = Object.keys(en) as Array<keyof typeof en>;
    expect(keys.filter((k) => placeholders(en[k]).join() !== placeholders(ru[k]).join())).toEqual([]);
    expect(keys.filter((k) => en[k].trim() === '' || ru[k].trim() === '')).toEqual([]);
    expect(translator(REPORTS_MESSAGES, 'ru')('drill.title', { what: 'Нарушено', count: 3 })).toBe('Нарушено: 3 обращений');
  });
});
