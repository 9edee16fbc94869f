import { acknowledgementText, fillLeavingOut, isClassified } from '../../../src/app/acknowledge';
import type { Computed } from '../../../src/app/computed';
import { computeOne } from '../../../src/app/recompute-issue';
import type { SlaConfig, SlaRequest } from '../../../src/domain/sla/types';
import { TEMPLATES } from '../../../src/domain/templates';
import { FakeJira } from '../../fakes/fake-jira';

const MON_10 = Date.parse('2026-03-02T07:00:00Z'); // Monday 10:00 Moscow
const MINUTE = 60_000;

function computed(config: SlaConfig, request: SlaRequest, nowMs: number): Computed {
  const jira = new FakeJira();
  jira.add('1', request, { name: 'Open', category: 'new' });
  return computeOne(jira.issues.get('1')!.facts, { scope: 'default', version: 1, config }, request, nowMs, false);
}

describe('the customer acknowledgement', () => {
  // Agent Plus keys goals by package and has no priorities and no resolution goal: "classified"
  // means the reaction stopped, so a reaction due would always read "not set".
  const agentplus = computed(
    TEMPLATES.agentplus,
    { created: MON_10, package: 'optimal', events: [{ type: 'comment', at: MON_10 + 20 * MINUTE, by: 'agent' }] },
    MON_10 + 21 * MINUTE,
  );

  it('leaves out the answered reaction, the missing priority and the missing resolution goal for Agent Plus, in Russian and English', () => {
    expect(isClassified(TEMPLATES.agentplus, agentplus)).toBe(true);
    const ru = acknowledgementText(agentplus, 'ru');
    const en = acknowledgementText(agentplus, 'en');
    expect(ru).toBe('Ваше обращение зарегистрировано под номером SUP-1.');
    expect(en).toBe('Your request is registered as SUP-1.');
    for (const text of [ru, en]) expect(text).not.toMatch(/не установлен|not set|Приоритет|Priority|не указан|none/);
  });

  it('names the priority and the resolution due of a classified Altec request, dates in the calendar zone', () => {
    const altec = computed(
      TEMPLATES.altec,
      { created: MON_10, events: [{ type: 'priority', at: MON_10 + 10 * MINUTE, to: '2', by: 'agent' }] },
      MON_10 + 11 * MINUTE,
    );
    expect(isClassified(TEMPLATES.altec, altec)).toBe(true);
    // Priority 2: resolution 2wd = two 9-hour days from Monday 10:00 → Wednesday 10:00.
    expect(acknowledgementText(altec, 'ru')).toBe('Ваше обращение зарегистрировано под номером SUP-1. Приоритет: Приоритет 2. Срок решения: 04.03.2026 10:00 (МСК).');
    expect(acknowledgementText(altec, 'en')).toBe('Your request is registered as SUP-1. Priority: Priority 2. Resolution due: 4 Mar 2026, 10:00 (MSK).');
  });

  it('tells a reaction that is still counting (an admin text that greets before classification)', () => {
    const config: SlaConfig = { ...TEMPLATES.altec, acknowledgement: { enabled: true, text: { ru: 'Срок реакции: {reactionDue}.', en: 'Reaction due: {reactionDue}.' } } };
    const open = computed(config, { created: MON_10, priority: '1', events: [] }, MON_10 + MINUTE);
    expect(acknowledgementText(open, 'ru')).toBe('Срок реакции: 02.03.2026 10:30 (МСК).');
    expect(acknowledgementText(open, 'en')).toBe('Reaction due: 2 Mar 2026, 10:30 (MSK).');
  });
});

describe('fillLeavingOut', () => {
  it('drops each sentence or line whose placeholder has no value and keeps the rest as written', () => {
    const values = { key: 'SUP-1', a: null, b: 'B' };
    expect(fillLeavingOut('Request {key}. A: {a}. B: {b}!', values)).toBe('Request SUP-1. B: B!');
    expect(fillLeavingOut('Hello {key}\nA: {a}\nB: {b}\nversion 1.2 stays.', values)).toBe('Hello SUP-1\nB: B\nversion 1.2 stays.');
  });

  it('keeps a placeholder it does not know as written', () => {
    expect(fillLeavingOut('Request {key}, {unknown}.', { key: 'SUP-1' })).toBe('Request SUP-1, {unknown}.');
  });
});
