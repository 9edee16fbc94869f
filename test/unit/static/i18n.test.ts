import { interpolate, placeholders, translator, type Messages } from '../../../static/shared/i18n';
import { PANEL_MESSAGES } from '../../../static/shared/i18n';

const dictionaries: Array<[string, Record<'ru' | 'en', Messages<string>>]> = [['panel and field editors', PANEL_MESSAGES]];

// The admin dictionary joins once it exists; requiring it lazily keeps this file independent of it.
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const admin = require('../../../static/admin/src/messages') as { ADMIN_MESSAGES: Record<'ru' | 'en', Messages<string>> };
  dictionaries.push(['admin page', admin.ADMIN_MESSAGES]);
} catch {
  // not written yet
}

describe.each(dictionaries)('the %s dictionary', (_name, dict) => {
  it('has exactly the same keys in Russian and English', () => {
    expect(Object.keys(dict.ru).sort()).toEqual(Object.keys(dict.en).sort());
  });

  it('has no empty message in either language', () => {
    for (const lang of ['ru', 'en'] as const) {
      const empty = Object.entries(dict[lang]).filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect(empty).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages for every key', () => {
    const mismatched = Object.keys(dict.en).filter((k) => placeholders(dict.en[k] ?? '').join() !== placeholders(dict.ru[k] ?? '').join());
    expect(mismatched).toEqual([]);
  });

  it('really translates: Russian messages with letters contain Cyrillic', () => {
    const untranslated = Object.entries(dict.ru)
      .filter(([k, v]) => /[A-Za-z]{4,}/.test(v.replace(/\{\w+\}/g, '')) && !/[А-Яа-яЁё]/.test(v) && v !== dict.en[k])
      .map(([k]) => k);
    const copied = Object.keys(dict.en).filter((k) => /[A-Za-z]{3,}/.test((dict.en[k] ?? '').replace(/\{\w+\}/g, '')) && dict.en[k] === dict.ru[k] && !/^(SLA|CSV|ICS|XML|JSON)$/.test(dict.en[k] ?? ''));
    expect(untranslated).toEqual([]);
    expect(copied).toEqual([]);
  });
});

describe('interpolate', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} of {b}, {c}', { a: 1, b: 'two' })).toBe('1 of two, {c}');
  });
});

describe('translator', () => {
  it('answers in the chosen language', () => {
    expect(translator(PANEL_MESSAGES, 'ru')('countdown.left', { duration: '2 ч 15 мин' })).toBe('осталось 2 ч 15 мин рабочего времени');
    expect(translator(PANEL_MESSAGES, 'en')('countdown.left', { duration: '2h 15m' })).toBe('2h 15m of working time left');
  });
});
