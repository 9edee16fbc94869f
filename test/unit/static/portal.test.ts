import { clockLine, PORTAL_MESSAGES } from '../../../static/portal/src/model';
import { placeholders, translator } from '../../../static/shared/i18n';

describe('customer portal words', () => {
  const t = translator(PORTAL_MESSAGES, 'ru');
  const base = { kind: 'resolution' as const, due: null, dueText: null, resumesAt: null, resumesText: null, pausedBecause: null };
  it('says why a clock waits, in the customer\u2019s words', () => {
    expect(clockLine({ ...base, state: 'paused', pausedBecause: 'waitingForYou' }, t)).toBe('Решение: приостановлено — ждём вашего ответа');
    expect(clockLine({ ...base, state: 'running', dueText: '04.03.2026, 10:00' }, t)).toBe('Решение: до 04.03.2026, 10:00');
    expect(clockLine({ ...base, kind: 'reaction', state: 'met' }, translator(PORTAL_MESSAGES, 'en'))).toBe('First reply: done in time');
  });
  it('has the same keys and placeholders in both languages', () => {
    const { en, ru } = PORTAL_MESSAGES;
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as Array<keyof typeof en>) expect([k, placeholders(ru[k])]).toEqual([k, placeholders(en[k])]);
  });
});
