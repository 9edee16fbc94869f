import { parseSlaConfig } from '../../../src/config/validate-config';
import { TEMPLATES } from '../../../src/domain/templates';
import { asDraft } from '../../../static/admin/src/draft';
import { issueMessage, parseConfigPath, pathInWords, percentBoundsMessage, versionComment } from '../../../static/admin/src/issue-words';
import { ADMIN_MESSAGES } from '../../../static/admin/src/messages';
import { translator } from '../../../static/shared/i18n';

/** Latin words outside «quotes» and (parentheses of values): English leaking into the Russian UI. */
const english = (text: string) => text.replace(/«[^»]*»/g, '').replace(/\([^)]*\)/g, '').match(/\b[A-Za-z]{3,}\b/g) ?? [];

describe('validation issues in words', () => {
  const draft = asDraft(structuredClone(TEMPLATES.altec))!;

  it('parses and names a path in words, without the JSON path', () => {
    expect(parseConfigPath('calendars["altec"].week.mon[1][0]')).toEqual(['calendars', 'altec', 'week', 'mon', 1, 0]);
    const cal = draft.calendarId;
    const ru = pathInWords(`calendars[${JSON.stringify(cal)}].week.mon[1]`, draft, 'ru');
    expect(ru).toMatch(/^Календарь «.+» → рабочие часы по дням недели → понедельник → интервал 2$/);
    expect(pathInWords(`calendars[${JSON.stringify(cal)}].week.mon[0][1]`, draft, 'en')).toMatch(/→ Monday → interval 1, end$/);
    const prio = draft.priorities[0]!;
    expect(pathInWords(`goals.resolution[${JSON.stringify(prio.id)}]`, draft, 'ru')).toBe(`Нормативы решения → ${prio.name.ru}`);
    expect(pathInWords('atRiskThreshold', draft, 'ru')).toBe('Порог «под угрозой»');
  });

  it('renders every issue of broken configurations in Russian naming the field in words', () => {
    const broken: unknown[] = [];
    const base = () => structuredClone(TEMPLATES.altec) as unknown as Record<string, unknown> & { calendars: Record<string, { week: Record<string, unknown>; holidays: unknown }>; calendarId: string; goals: Record<string, Record<string, unknown>>; packages: Array<Record<string, unknown>> };
    { const c = base(); c.calendars[c.calendarId]!.week.mon = [['09:00', '08:00'], ['07:00', '25:00']]; c.calendars[c.calendarId]!.holidays = ['2026-13-45']; broken.push(c); }
    { const c = base(); const first = Object.keys(c.goals.resolution!)[0]!; c.goals.resolution![first] = 'soon'; c.defaultPackage = 'gold'; broken.push(c); }
    { const c = base(); c.atRiskThreshold = 1.5; c.calendarId = 'nope'; broken.push(c); }
    { const c = base(); delete (c as Record<string, unknown>).statuses; c.packages.push({ ...c.packages[0]! }); broken.push(c); }
    let seen = 0;
    for (const cfg of broken) {
      const r = parseSlaConfig(cfg);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      for (const i of r.issues) {
        seen++;
        const message = percentBoundsMessage(i.message, i.path, 'ru') ?? issueMessage(i.message, 'ru');
        const text = `${pathInWords(i.path, draft, 'ru')}: ${message}`;
        expect({ issue: i, english: english(text) }).toEqual({ issue: i, english: [] });
        expect(text).not.toMatch(/\w\[|\]\.|\["/);
        // Every message these configurations produce has its own Russian words, not the generic fallback.
        expect({ issue: i, message }).not.toEqual({ issue: i, message: 'недопустимое значение' });
      }
    }
    expect(seen).toBeGreaterThanOrEqual(6);
  });

  it('states the at-risk threshold bounds in percent, as it is entered', () => {
    expect(percentBoundsMessage('expected a share of the goal below 1 (0.25 = 25%)', 'atRiskThreshold', 'ru')).toBe('ожидается процент от 0 до 99 (25 — четверть норматива)');
  });
});

describe('version comments in the page language', () => {
  it('says a restore in Russian and English, and keeps a person\'s own comment as typed', () => {
    expect(versionComment('restored version 4', translator(ADMIN_MESSAGES, 'ru'))).toBe('восстановлена из версии 4');
    expect(versionComment('restored version 4', translator(ADMIN_MESSAGES, 'en'))).toBe('restored from version 4');
    expect(versionComment('новый норматив', translator(ADMIN_MESSAGES, 'ru'))).toBe('новый норматив');
    expect(versionComment(undefined, translator(ADMIN_MESSAGES, 'ru'))).toBeUndefined();
  });
});
