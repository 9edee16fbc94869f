// The configuration schema: cross-field rules with exact paths and messages, id normalisation,
// the package × priority matrix, migration from schemaVersion 1, and the trial calculation on save.

import { parseSlaConfig, slaConfigSchema, validateConfig, type ConfigIssue } from '../../../src/config';
import { computeClocks, type SlaConfig } from '../../../src/domain/sla';
import { TEMPLATES } from '../../../src/domain/templates';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NOW = Date.parse('2026-03-10T12:00:00+03:00');
const json = (id: keyof typeof TEMPLATES): Json => JSON.parse(JSON.stringify(TEMPLATES[id]));

function issuesOf(input: unknown): ConfigIssue[] {
  const r = parseSlaConfig(input);
  if (r.ok) throw new Error('expected the configuration to be rejected');
  return r.issues;
}

const cases: Array<{ name: string; base: keyof typeof TEMPLATES; mutate: (c: Json) => void; issue: ConfigIssue | { path: string; message: RegExp } }> = [
  {
    name: 'names a goal keyed by a priority that no longer exists',
    base: 'altec',
    mutate: (c) => { c.priorities = c.priorities.filter((p: Json) => p.id !== '2'); },
    issue: { path: 'goals.resolution["2"]', message: 'unknown priority "2"' },
  },
  {
    name: 'names a goal keyed by a package that does not exist',
    base: 'agentplus',
    mutate: (c) => { c.goals.reaction.gold = '1h'; },
    issue: { path: 'goals.reaction["gold"]', message: 'unknown package "gold"' },
  },
  {
    name: 'rejects a goal string that is not a goal and says why',
    base: 'altec',
    mutate: (c) => { c.goals.reaction['1'] = '30 minutes'; },
    issue: { path: 'goals.reaction["1"]', message: /"30 minutes" is not a goal/ },
  },
  {
    name: 'rejects a goal of zero length',
    base: 'barier',
    mutate: (c) => { c.goals.resolution['4'] = '0m'; },
    issue: { path: 'goals.resolution["4"]', message: 'goal "0m": every limit must be longer than zero' },
  },
  {
    name: 'rejects a goal longer than the app can compute',
    base: 'barier',
    mutate: (c) => { c.goals.resolution['4'] = '20000wd'; },
    issue: { path: 'goals.resolution["4"]', message: /longer than the 10000wd/ },
  },
  {
    name: 'requires a goal for every package when goals are keyed by package',
    base: 'agentplus',
    mutate: (c) => { delete c.goals.reaction.partner; },
    issue: { path: 'goals.reaction', message: 'missing a goal for package "partner"' },
  },
  {
    name: 'requires to know how goals are keyed',
    base: 'pass24',
    mutate: (c) => { c.goalsBy = {}; },
    issue: { path: 'goalsBy.resolution', message: /expected "package", "priority" or "matrix"/ },
  },
  {
    name: 'rejects goals by priority when there are no priorities',
    base: 'agentplus',
    mutate: (c) => { c.goalsBy.reaction = 'priority'; },
    issue: { path: 'goalsBy.reaction', message: 'goals.reaction is keyed by priority but no priorities are defined' },
  },
  {
    name: 'names an unknown calendar',
    base: 'altec',
    mutate: (c) => { c.calendarId = 'main'; },
    issue: { path: 'calendarId', message: 'unknown calendar "main"' },
  },
  {
    name: 'names an unknown calendar on a package',
    base: 'agentplus',
    mutate: (c) => { c.packages[2].calendarId = '24x7'; },
    issue: { path: 'packages[2].calendarId', message: 'unknown calendar "24x7"' },
  },
  {
    name: 'reports a problem inside a calendar with its full path',
    base: 'altec',
    mutate: (c) => { c.calendars.altec.week.mon = [['09:00', '13:00'], ['12:00', '18:00']]; },
    issue: { path: 'calendars["altec"].week.mon[1]', message: /intervals overlap/ },
  },
  {
    name: 'rejects a calendar without any working hours in the week',
    base: 'altec',
    mutate: (c) => { c.calendars.altec.week = {}; },
    issue: { path: 'calendars["altec"].week', message: 'expected working hours on at least one weekday' },
  },
  {
    name: 'rejects working-day goals on a calendar without Monday hours',
    base: 'altec',
    mutate: (c) => { c.calendars.altec.week.mon = []; },
    issue: { path: 'calendars["altec"].week.mon', message: /Monday has none/ },
  },
  {
    name: 'names an unknown default package',
    base: 'advantshop',
    mutate: (c) => { c.defaultPackage = 'gold'; },
    issue: { path: 'defaultPackage', message: 'unknown package "gold"' },
  },
  {
    name: 'treats a number and its string form as the same id when looking for duplicates',
    base: 'altec',
    mutate: (c) => { c.priorities[1].id = 1; },
    issue: { path: 'priorities[1].id', message: 'duplicate priority id "1"' },
  },
  {
    name: 'requires a default priority when priorities exist',
    base: 'barier',
    mutate: (c) => { c.defaultPriority = null; },
    issue: { path: 'defaultPriority', message: 'expected the priority a request has until support classifies it' },
  },
  {
    name: 'rejects a status given two roles',
    base: 'altec',
    mutate: (c) => { c.statuses.closed = ['Closed', 'resolved']; },
    issue: { path: 'statuses.closed[1]', message: 'status "resolved" already has the role resolved' },
  },
  {
    name: 'rejects an auto-close period that is not plain time',
    base: 'altec',
    mutate: (c) => { c.autoClose = { period: 'two weeks' }; },
    issue: { path: 'autoClose.period', message: 'expected a plain period like "14d", "24h" or "90m", got "two weeks"' },
  },
  {
    name: 'names a customer assigned to an unknown package',
    base: 'agentplus',
    mutate: (c) => { c.customers = [{ match: { organization: 'Омега' }, package: 'gold' }]; },
    issue: { path: 'customers[0].package', message: 'unknown package "gold"' },
  },
  {
    name: 'rejects a customer assignment that ends before it starts',
    base: 'agentplus',
    mutate: (c) => { c.customers = [{ match: { emailDomain: 'omega.ru' }, package: 'optimal', validFrom: '2026-05-01', validTo: '2026-04-30' }]; },
    issue: { path: 'customers[0].validTo', message: 'ends (2026-04-30) before it starts (2026-05-01)' },
  },
  {
    name: 'rejects an at-risk threshold of the whole goal',
    base: 'pass24',
    mutate: (c) => { c.atRiskThreshold = 1; },
    issue: { path: 'atRiskThreshold', message: 'expected a share of the goal below 1 (0.25 = 25%)' },
  },
  {
    name: 'says a missing field is required',
    base: 'pass24',
    mutate: (c) => { delete c.calendarId; },
    issue: { path: 'calendarId', message: 'required' },
  },
  {
    name: 'rejects an unknown schema version',
    base: 'pass24',
    mutate: (c) => { c.schemaVersion = 3; },
    issue: { path: 'schemaVersion', message: 'unsupported version 3 (this app reads 1 and 2)' },
  },
  {
    name: 'rejects a configuration without a schema version',
    base: 'pass24',
    mutate: (c) => { delete c.schemaVersion; },
    issue: { path: 'schemaVersion', message: 'required (the current version is 2)' },
  },
];

describe('configuration checks', () => {
  it.each(cases)('$name', ({ base, mutate, issue }) => {
    const c = json(base);
    mutate(c);
    const issues = issuesOf(c);
    expect(issues).toContainEqual(typeof issue.message === 'string' ? issue : { path: issue.path, message: expect.stringMatching(issue.message) });
  });

  it('rejects something that is not an object', () => {
    expect(issuesOf([1, 2])).toEqual([{ path: '', message: 'expected a configuration object' }]);
  });

  it('reports every problem at once, not only the first', () => {
    const c = json('altec');
    c.defaultPackage = 'gold';
    c.autoClose = { period: 'soon' };
    expect(issuesOf(c).map((i) => i.path)).toEqual(expect.arrayContaining(['defaultPackage', 'autoClose.period']));
  });
});

describe('ids', () => {
  it('normalises numeric package and priority ids to strings', () => {
    const c = json('altec');
    c.priorities.forEach((p: Json, i: number) => { p.id = i + 1; });
    c.defaultPriority = 3;
    const r = parseSlaConfig(c);
    expect(r.ok && r.config.priorities.map((p) => p.id)).toEqual(['1', '2', '3', '4']);
    expect(r.ok && r.config.defaultPriority).toBe('3');
  });
});

describe('goals by package × priority (matrix)', () => {
  const c = json('altec');
  c.packages.push({ ...c.packages[0], id: 'premium', name: { ru: 'Премиум', en: 'Premium' } });
  c.goalsBy = { reaction: 'matrix', resolution: 'priority' };
  c.goals.reaction = {
    '8x5x4': { '1': '30m', '2': '30m', '3': '60m', '4': '60m' },
    premium: { '1': '15m', '2': '15m', '3': '30m', '4': '30m' },
  };

  it('computes the goal of the request’s package and priority', () => {
    const cfg = slaConfigSchema.parse(c) as SlaConfig;
    const set = computeClocks(cfg, { created: Date.parse('2026-03-17T10:00:00+03:00'), package: 'premium', priority: '3', events: [] }, Date.parse('2026-03-17T10:00:00+03:00'));
    expect(set.reaction?.goalMinutes).toBe(30);
    expect(set.reaction?.due).toBe(Date.parse('2026-03-17T10:30:00+03:00'));
  });

  it('requires every priority of every package', () => {
    const bad = JSON.parse(JSON.stringify(c));
    delete bad.goals.reaction.premium['4'];
    expect(issuesOf(bad)).toContainEqual({ path: 'goals.reaction["premium"]', message: 'missing a goal for priority "4"' });
  });

  it('names an unknown priority inside a package row', () => {
    const bad = JSON.parse(JSON.stringify(c));
    bad.goals.reaction.premium['9'] = '1h';
    expect(issuesOf(bad)).toContainEqual({ path: 'goals.reaction["premium"]["9"]', message: 'unknown priority "9"' });
  });
});

describe('migration from schemaVersion 1', () => {
  const v1 = {
    schemaVersion: 1,
    name: { ru: 'Поддержка', en: 'Support' },
    calendar: { timezone: 'Europe/Moscow', week: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] }, productionCalendar: 'RU' },
    packages: [
      { id: 'std', name: { ru: 'Стандарт', en: 'Standard' }, price: 1000, validityMonths: 12 },
      { id: 'free', name: { ru: 'Бесплатный', en: 'Free' } },
    ],
    defaultPackage: 'free',
    priorities: [
      { id: 1, name: { ru: 'Высокий', en: 'High' }, definition: { ru: 'Не работает', en: 'Down' } },
      { id: 2, name: { ru: 'Обычный', en: 'Normal' }, definition: { ru: 'Работает', en: 'Works' } },
    ],
    defaultPriority: 2,
    goalsBy: 'priority',
    reactionGoals: { '1': '30m', '2': '2h' },
    resolutionGoals: { '1': '4h', '2': '2wd' },
    atRiskPercent: 20,
    autoCloseDays: 14,
  };

  it('becomes a version 2 configuration with the same meaning', () => {
    const r = parseSlaConfig(v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(1);
    const c = r.config;
    expect(c.schemaVersion).toBe(2);
    expect(c.calendarId).toBe('main');
    expect(c.calendars.main?.week.mon).toEqual([['09:00', '18:00']]);
    expect(c.goalsBy).toEqual({ reaction: 'priority', resolution: 'priority' });
    expect(c.goals).toEqual({ reaction: { '1': '30m', '2': '2h' }, resolution: { '1': '4h', '2': '2wd' } });
    expect(c.packages.map((p) => [p.id, p.validity])).toEqual([['std', { kind: 'months', months: 12 }], ['free', { kind: 'unlimited' }]]);
    expect(c.atRiskThreshold).toBe(0.2);
    expect(c.autoClose).toEqual({ period: '14d' });
    expect(c.defaultPriority).toBe('2');
  });

  it('computes the same clocks as the configuration written directly in version 2', () => {
    const r = parseSlaConfig(v1);
    if (!r.ok) throw new Error('v1 rejected');
    const created = Date.parse('2026-03-17T17:00:00+03:00');
    const set = computeClocks(r.config, { created, priority: '2', events: [] }, created);
    // 2wd = 18 h from Tue 17:00: 1 h + Wed 9 h + Thu 8 h → Thu 17:00.
    expect(set.resolution?.due).toBe(Date.parse('2026-03-19T17:00:00+03:00'));
    expect(set.reaction?.due).toBe(Date.parse('2026-03-18T10:00:00+03:00'));
  });

  it('reports problems of an old configuration in its own terms', () => {
    const issues = issuesOf({ ...v1, goalsBy: 'customer' });
    expect(issues[0]?.path).toBe('goalsBy');
    expect(issues[0]?.message).toMatch(/^\(schemaVersion 1\) /);
  });

  it('names the migrated path when the old content is invalid', () => {
    expect(issuesOf({ ...v1, reactionGoals: { '1': '30m', '2': '2h', '7': '1h' } })).toContainEqual({
      path: 'goals.reaction["7"]',
      message: '(after migration from schemaVersion 1) unknown priority "7"',
    });
  });
});

describe('validateConfig (run on save)', () => {
  it('returns the parsed configuration when the trial calculation succeeds', () => {
    const r = validateConfig(json('barier'), NOW);
    expect(r.ok).toBe(true);
    expect(r.ok && r.config.template).toBe('barier');
  });

  it('passes schema problems through unchanged', () => {
    const c = json('altec');
    c.calendarId = 'nope';
    const r = validateConfig(c, NOW);
    expect(r.ok ? [] : r.issues).toContainEqual({ path: 'calendarId', message: 'unknown calendar "nope"' });
  });

  it('rejects a configuration whose goals cannot be reached in its calendar', () => {
    const c = json('barier');
    // One working minute a week: 90 000 working hours would take far longer than the engine's range.
    c.calendars.barier.week = { mon: [['09:00', '09:01']] };
    c.calendars.barier.productionCalendar = undefined;
    c.goals.resolution['4'] = '90000h';
    const r = validateConfig(c, NOW);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues).toContainEqual({ path: 'calendarId', message: expect.stringMatching(/^trial calculation for package "contract", priority "4" failed: resolution: cannot be computed/) });
  });

  it('warns, without failing, when the trial reaches years without production-calendar data', () => {
    const r = validateConfig(json('altec'), Date.parse('2027-12-30T12:00:00+03:00'));
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings.join('\n')).toMatch(/no production calendar data for 2028/);
  });
});

describe('ids that are also names of object members', () => {
  it('does not mistake an id like "constructor" for a configured goal or calendar', () => {
    const c = json('agentplus');
    c.packages.push({ ...c.packages[0], id: 'constructor', name: { ru: 'Конструктор', en: 'Constructor' } });
    expect(issuesOf(c)).toContainEqual({ path: 'goals.reaction', message: 'missing a goal for package "constructor"' });
    const d = json('agentplus');
    d.calendarId = 'toString';
    expect(issuesOf(d)).toContainEqual({ path: 'calendarId', message: 'unknown calendar "toString"' });
  });

  it('computes clocks for a package whose id is "constructor" once it has a goal', () => {
    const c = json('agentplus');
    c.packages.push({ ...c.packages[0], id: 'constructor', name: { ru: 'Конструктор', en: 'Constructor' } });
    c.goals.reaction.constructor = '1h';
    const r = parseSlaConfig(c);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const created = Date.parse('2026-03-17T09:00:00+03:00');
    expect(computeClocks(r.config, { created, package: 'constructor', events: [] }, created).reaction?.due).toBe(Date.parse('2026-03-17T10:00:00+03:00'));
  });
});
