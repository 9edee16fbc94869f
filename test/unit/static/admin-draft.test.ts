import { TEMPLATES } from '../../../src/domain/templates';
import {
  asDraft,
  channelsToLines,
  customersFromCsv,
  linesToChannels,
  parseMonthDays,
  edit,
  formatDateHours,
  issuesAt,
  parseDateHours,
  parseDateLines,
  parseIntervals,
  pathOf,
  rekeyGoals,
  scratchConfig,
} from '../../../static/admin/src/draft';
import { validateConfig } from '../../../src/config';

const NOW = Date.parse('2026-11-23T10:00:00+03:00');

describe('pathOf', () => {
  it('names fields the way the backend validation does', () => {
    expect(pathOf('goals', 'resolution', '2')).toBe('goals.resolution["2"]');
    expect(pathOf('calendars', 'altec', 'week', 'mon', 0)).toBe('calendars["altec"].week.mon[0]');
    expect(pathOf('packages', 1, 'name', 'ru')).toBe('packages[1].name.ru');
  });
});

describe('issuesAt', () => {
  const issues = [
    { path: 'calendars["a"].week.mon[0]', message: 'overlap' },
    { path: 'calendars["a"].week.mon[0][1]', message: 'bad time' },
    { path: 'calendars["a"].week.mon[10]', message: 'other interval' },
  ];
  it('matches a path exactly, or everything below it', () => {
    expect(issuesAt(issues, 'calendars["a"].week.mon[0]').map((i) => i.message)).toEqual(['overlap']);
    expect(issuesAt(issues, 'calendars["a"].week.mon[0]', true).map((i) => i.message)).toEqual(['overlap', 'bad time']);
  });
});

describe('scratchConfig', () => {
  it('is a configuration the real validation accepts', () => {
    expect(validateConfig(scratchConfig(), NOW).ok).toBe(true);
  });
});

describe('asDraft and edit', () => {
  it('accepts a template and edits a copy, never the original', () => {
    const draft = asDraft(TEMPLATES.altec);
    expect(draft).not.toBeNull();
    if (!draft) return;
    const next = edit(draft, (d) => {
      const r = d.goals.resolution;
      if (r) r['1'] = '6h';
    });
    expect(next.goals.resolution?.['1']).toBe('6h');
    expect(draft.goals.resolution?.['1']).toBe('4h');
    expect(TEMPLATES.altec.goals.resolution?.['1']).toBe('4h');
  });
  it('refuses what is not a version-2 configuration', () => {
    expect(asDraft(null)).toBeNull();
    expect(asDraft({ schemaVersion: 1, calendars: {}, packages: [] })).toBeNull();
    expect(asDraft([])).toBeNull();
  });
});

describe('parseDateLines', () => {
  it('keeps valid dates sorted and unique and reports bad lines by number', () => {
    const r = parseDateLines('2026-12-31\n\n2026-01-07\n31.12.2026\n2026-12-31');
    expect(r.dates).toEqual(['2026-01-07', '2026-12-31']);
    expect(r.problems).toEqual([{ line: 4, code: 'notDate', vars: { text: '31.12.2026' } }]);
  });
});

describe('parseIntervals and parseDateHours', () => {
  it('reads several intervals, with dashes or en dashes and one-digit hours', () => {
    expect(parseIntervals('9:00-13:00, 14:00–18:00')).toEqual([['09:00', '13:00'], ['14:00', '18:00']]);
    expect(parseIntervals('off')).toEqual([]);
    expect(parseIntervals('nine to five')).toBeNull();
  });
  it('round-trips date-specific hours through their text form', () => {
    const text = '2026-12-31 09:00-13:00, 14:00-16:00\n2026-12-30 off';
    const r = parseDateHours(text);
    expect(r.problems).toEqual([]);
    expect(r.dates).toEqual({ '2026-12-31': [['09:00', '13:00'], ['14:00', '16:00']], '2026-12-30': [] });
    expect(parseDateHours(formatDateHours(r.dates)).dates).toEqual(r.dates);
  });
  it('reports the line that is not understood', () => {
    expect(parseDateHours('2026-12-31 late').problems[0]?.line).toBe(1);
  });
});

describe('customersFromCsv', () => {
  const pkgs = ['basic', 'optimal'];
  it('reads English or Russian headers, either separator, and a BOM', () => {
    const r = customersFromCsv('\uFEFFОрганизация;Пакет;С;По\nООО Ромашка;optimal;2026-01-01;2026-12-31\n', pkgs);
    expect(r.problems).toEqual([]);
    expect(r.customers).toEqual([{ match: { organization: 'ООО Ромашка' }, package: 'optimal', validFrom: '2026-01-01', validTo: '2026-12-31', note: null }]);
    const d = customersFromCsv('domain,package,note\nexample.ru,basic,trial', pkgs);
    expect(d.customers).toEqual([{ match: { emailDomain: 'example.ru' }, package: 'basic', validFrom: null, validTo: null, note: 'trial' }]);
  });
  it('skips rows it cannot use and says which line and why', () => {
    const r = customersFromCsv('organization,package,validFrom,validTo\nA,gold,,\nB,basic,2026-13-40,\nC,basic,2026-05-01,2026-01-01\nD,basic,,', pkgs);
    expect(r.customers.map((c) => ('organization' in c.match ? c.match.organization : ''))).toEqual(['D']);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(r.problems[0]).toMatchObject({ code: 'unknownPackage', vars: { package: 'gold' } });
  });
  it('needs a package column and an organization or domain column', () => {
    expect(customersFromCsv('name,plan\nA,basic', pkgs).problems[0]?.line).toBe(1);
  });
});

describe('rekeyGoals', () => {
  it('turns goals by priority into a package × priority matrix that the validation accepts', () => {
    const draft = asDraft(TEMPLATES.altec);
    if (!draft) throw new Error('altec template is not a draft');
    const next = edit(draft, (d) => rekeyGoals(d, 'resolution', 'matrix'));
    expect(next.goalsBy.resolution).toBe('matrix');
    expect(Object.keys(next.goals.resolution ?? {})).toEqual(['8x5x4']);
    expect(validateConfig(next, NOW).ok).toBe(true);
  });
});

describe('channels and month-days', () => {
  it('turns "kind | address" lines into channels named as in the templates, keeping known ones as they were', () => {
    const draft = asDraft(TEMPLATES.altec);
    const old = draft?.packages[0]?.channels ?? [];
    const r = linesToChannels('phone | (812) 320-08-88\nemail | help@altec.ru\nfax | 123', old);
    expect(r.problems).toEqual([{ line: 3, code: 'notChannel', vars: { text: 'fax', kinds: 'email, phone, freePhone, skype, portal, form, chat, other' } }]);
    expect(r.channels[0]).toEqual(old[0]);
    expect(r.channels[1]).toEqual({ kind: 'email', address: 'help@altec.ru', name: { ru: 'Электронная почта', en: 'E-mail' } });
    expect(channelsToLines(r.channels)).toBe('phone | (812) 320-08-88\nemail | help@altec.ru');
  });
  it('accepts real month-days only', () => {
    expect(parseMonthDays('01-07\n02-30\n12-31')).toEqual({ days: ['01-07', '12-31'], problems: [{ line: 2, code: 'notMonthDay', vars: { text: '02-30' } }] });
  });
});
