import { interpolate, placeholders, translator, type Messages } from '../../../static/shared/i18n';
import { PANEL_MESSAGES } from '../../../static/shared/i18n';
// The engine to check the catalogue against (the panel gets the codes from the view; static/shared/warnings.ts reads others back).
import { warning, WARNING_TEMPLATES } from '../../../src/domain/sla';
import { WARNING_MESSAGES_RU, warningMessage } from '../../../static/shared/i18n';

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

describe('engine warnings in the panel', () => {
  it('has a Russian text for every warning code, with the same placeholders as the English template', () => {
    expect(Object.keys(WARNING_MESSAGES_RU).sort()).toEqual(Object.keys(WARNING_TEMPLATES).sort());
    for (const [code, en] of Object.entries(WARNING_TEMPLATES)) expect([code, placeholders(WARNING_MESSAGES_RU[code] ?? '')]).toEqual([code, placeholders(en)]);
  });

  it('says the lapsed-package warning in Russian with dates as DD.MM.YYYY, and the English text as it is', () => {
    const w = warning('packageNotValid', { package: 'optimal', customer: 'vektor-ural.ru', day: '2026-11-22', from: '2025-01-10', to: '2025-12-31', default: 'basic' });
    expect(warningMessage(w, 'ru')).toBe(
      'Пакет «optimal» клиента «vektor-ural.ru» не действует на 22.11.2026 (срок действия 10.01.2025 – 31.12.2025); применяется пакет по умолчанию «basic».',
    );
    expect(warningMessage(w, 'en')).toBe(w.text);
  });

  it('names the clock in Russian and formats an instant with the function it is given', () => {
    const w = warning('cannotCompute', { clock: 'resolution', reason: 'no working time within 10 years' });
    expect(warningMessage(w, 'ru')).toBe('Решение: срок не удаётся вычислить (no working time within 10 years).');
    const change = warning('unknownPackageChange', { package: 'gold', at: '2026-03-02T10:01:00+03:00' });
    expect(warningMessage(change, 'ru', (iso) => `<${iso}>`)).toBe('Неизвестный пакет «gold» (<2026-03-02T10:01:00+03:00>); изменение не учтено.');
  });

  it('shows the English text for a code it does not know', () => {
    expect(warningMessage({ code: 'somethingNew', params: { a: '1' }, text: 'something new' }, 'ru')).toBe('something new');
  });
});
