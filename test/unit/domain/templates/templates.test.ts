// The five templates against DOMAIN.md's table (ids, keys, goal strings, calendars, auto-close)
// and against the regulations themselves (test/fixtures/seeds, copied from ../shared/seeds):
// every Russian name, definition, channel address and title must be the regulation's own words.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { slaConfigSchema, validateConfig } from '../../../../src/config';
import { TEMPLATE_IDS, TEMPLATE_SUMMARIES, TEMPLATES, type TemplateId } from '../../../../src/domain/templates';

const SEED_FILES: Record<TemplateId, string> = {
  agentplus: '000_cc13dd84a9a7fe73.txt',
  advantshop: '001_98c1cf2ed03f1008.txt',
  pass24: '002_86f917f9e1c7fe0d.txt',
  altec: '003_0ce875f43ec9896a.txt',
  barier: '004_ac76edfdc23456e6.txt',
};

/** Seed text with bullets, markdown emphasis and line breaks flattened to single spaces. */
function seed(id: TemplateId): string {
  const raw = readFileSync(path.join(__dirname, '../../../fixtures/seeds', SEED_FILES[id]), 'utf8');
  return flatten(raw);
}
function flatten(text: string): string {
  return text.replace(/[•●*]/g, ' ').replace(/\s+/g, ' ').trim();
}

// DOMAIN.md "The five regulations as templates" — written out again here on purpose.
const TABLE: Record<TemplateId, { goalsBy: object; goals: object; autoClose: string | null; hours: string[][]; weekend: string[][]; shortenBy: number; holidayHours: string[][] }> = {
  agentplus: {
    goalsBy: { reaction: 'package' },
    goals: { reaction: { basic: '2wd', optimal: '1wd', extended: '240m', partner: '2wd' } },
    autoClose: '14d', hours: [['07:00', '18:00']], weekend: [], shortenBy: 60, holidayHours: [],
  },
  advantshop: {
    goalsBy: { reaction: 'package' },
    goals: { reaction: { free: '24h', partner: '3h', development: '24wd', consulting: '40h' } },
    autoClose: null, hours: [['08:00', '20:00']], weekend: [['09:00', '18:00']], shortenBy: 0, holidayHours: [['09:00', '18:00']],
  },
  pass24: {
    goalsBy: { resolution: 'priority' },
    goals: { resolution: { high: '4h', normal: '24h,5bd', low: '48h,5bd' } },
    autoClose: null, hours: [['09:00', '18:00']], weekend: [], shortenBy: 60, holidayHours: [],
  },
  altec: {
    goalsBy: { reaction: 'priority', resolution: 'priority' },
    goals: { reaction: { '1': '30m', '2': '30m', '3': '60m', '4': '60m' }, resolution: { '1': '4h', '2': '2wd', '3': '4wd', '4': '9wd' } },
    autoClose: '14d', hours: [['09:00', '18:00']], weekend: [], shortenBy: 60, holidayHours: [],
  },
  barier: {
    goalsBy: { reaction: 'priority', resolution: 'priority' },
    goals: { reaction: { '1': '3h', '2': '3h', '3': '3h', '4': '3h' }, resolution: { '1': '4h', '2': '8h', '3': '5wd', '4': '10wd' } },
    autoClose: '24h', hours: [['09:00', '18:00']], weekend: [], shortenBy: 60, holidayHours: [],
  },
};

describe.each(TEMPLATE_IDS)('template %s', (id) => {
  const t = TEMPLATES[id];
  const row = TABLE[id];
  const text = seed(id);

  it('has exactly the goals, keys and auto-close period of the DOMAIN.md table', () => {
    expect(t.goalsBy).toEqual(row.goalsBy);
    expect(t.goals).toEqual(row.goals);
    expect(t.autoClose?.period ?? null).toBe(row.autoClose);
  });

  it('uses the regulation’s calendar in Europe/Moscow with the RU production calendar', () => {
    const cal = t.calendars[t.calendarId]!;
    expect(cal.timezone).toBe('Europe/Moscow');
    expect(cal.productionCalendar).toBe('RU');
    for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) expect(cal.week[d]).toEqual(row.hours);
    expect(cal.week.sat).toEqual(row.weekend);
    expect(cal.week.sun).toEqual(row.weekend);
    expect(cal.shortenBy).toBe(row.shortenBy);
    expect(cal.holidayHours).toEqual(row.holidayHours);
  });

  it('is a complete configuration the schema accepts unchanged', () => {
    const parsed = slaConfigSchema.parse(JSON.parse(JSON.stringify(t)));
    expect(parsed).toEqual(JSON.parse(JSON.stringify(t)));
  });

  it('passes the trial calculation run on save', () => {
    const r = validateConfig(JSON.parse(JSON.stringify(t)), Date.parse('2026-03-10T12:00:00+03:00'));
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('names its packages and priorities in the regulation’s own Russian words', () => {
    for (const p of t.packages) expect(text).toContain(flatten(p.name.ru).replace(/^Опция /, ''));
    for (const p of t.priorities) {
      for (const sentence of flatten(p.definition.ru).split(/(?<=[.;:])\s+/)) expect(text).toContain(sentence.replace(/[.;:]$/, ''));
    }
  });

  it('lists channels whose addresses are printed in the regulation', () => {
    for (const p of t.packages) {
      for (const c of p.channels) {
        const address = c.address.split(' (')[0]!;
        if (/^(для|логин|8-800 \()/.test(c.address)) continue; // agentplus: given after purchase
        expect(text).toContain(address);
      }
    }
  });

  it('has a summary with the regulation’s own title', () => {
    const s = TEMPLATE_SUMMARIES.find((x) => x.id === id)!;
    expect(s.name).toEqual(t.name);
    expect(text).toContain(flatten(s.regulation));
  });

  it('gives every text a Russian and an English version', () => {
    const texts = [t.name, ...t.packages.flatMap((p) => [p.name, ...(p.description ? [p.description] : []), ...p.products, ...p.extras, ...p.channels.map((c) => c.name)]), ...t.priorities.flatMap((p) => [p.name, p.definition])];
    for (const x of texts) {
      expect(x.ru.length).toBeGreaterThan(0);
      expect(x.en.length).toBeGreaterThan(0);
      expect(/[а-яё]/i.test(x.en)).toBe(false);
    }
  });
});

describe('Agent Plus packages', () => {
  const byId = Object.fromEntries(TEMPLATES.agentplus.packages.map((p) => [p.id, p]));
  it('carry the prices, validity and Skype contacts of the regulation’s table', () => {
    expect(TEMPLATES.agentplus.packages.map((p) => [p.id, p.price, p.validity, p.skypeContacts])).toEqual([
      ['basic', 0, { kind: 'unlimited' }, 0],
      ['optimal', 4500, { kind: 'months', months: 12 }, 2],
      ['extended', 9000, { kind: 'months', months: 12 }, 5],
      ['partner', 0, { kind: 'contract' }, 0],
    ]);
  });
  it('gives remote help, a personal specialist and reports on request only with extended', () => {
    const extras = (id: string) => byId[id]!.extras.map((e) => e.en).join('|');
    expect(extras('extended')).toMatch(/Remote help.*Personal support specialist.*Reports on requests/);
    for (const id of ['basic', 'optimal', 'partner']) expect(extras(id)).not.toMatch(/Remote help|Personal support|Reports/);
  });
  it('offers the free 8-800 line only with the paid packages', () => {
    const has = (id: string) => byId[id]!.channels.some((c) => c.kind === 'freePhone');
    expect([has('basic'), has('optimal'), has('extended'), has('partner')]).toEqual([false, true, true, false]);
  });
});

describe('Barier', () => {
  it('accounts at least 30 minutes per answer', () => {
    expect(TEMPLATES.barier.minimumAnswerMinutes).toBe(30);
  });
});
