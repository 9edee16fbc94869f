// A changelog may name a package or priority by the field formatter's text instead of its id.
import { withChoiceIds } from '../../../../src/domain/sla/choice-ref';
import { computeClocks } from '../../../../src/domain/sla';
import { TEMPLATES } from '../../../../src/domain/templates';

const MON_10 = Date.parse('2026-03-02T07:00:00Z'); // Monday 10:00 Moscow

describe('package and priority references read as ids', () => {
  it('reads a priority named in Russian or English as its id, in the request and in its changes', () => {
    const r = withChoiceIds(TEMPLATES.altec, {
      created: MON_10,
      priority: 'Приоритет 3',
      package: 'option 8*5*4',
      events: [{ type: 'priority', at: MON_10 + 60_000, to: 'Priority 1', by: 'agent' }],
    });
    expect([r.priority, r.package, r.events[0]]).toEqual(['3', '8x5x4', { type: 'priority', at: MON_10 + 60_000, to: '1', by: 'agent' }]);
  });

  it('leaves ids, unknown names and nulls as they are (the engine then warns as before)', () => {
    const request = { created: MON_10, priority: '2', events: [{ type: 'package' as const, at: MON_10, to: null }] };
    expect(withChoiceIds(TEMPLATES.altec, request)).toBe(request);
    expect(withChoiceIds(TEMPLATES.altec, { created: MON_10, priority: 'Приоритет 9', events: [] }).priority).toBe('Приоритет 9');
  });

  it('does not pick either of two items that share a name', () => {
    const config = { ...TEMPLATES.altec, priorities: TEMPLATES.altec.priorities.map((p) => ({ ...p, name: { ru: 'Обычный', en: p.name.en } })) };
    expect(withChoiceIds(config, { created: MON_10, priority: 'Обычный', events: [] }).priority).toBe('Обычный');
    expect(withChoiceIds(config, { created: MON_10, priority: 'Priority 4', events: [] }).priority).toBe('4');
  });

  it('gives the clocks of the named priority: «Приоритет 1» has Altec\'s 30-minute reaction, due 10:30', () => {
    const set = computeClocks(TEMPLATES.altec, { created: MON_10, priority: 'Приоритет 1', events: [] }, MON_10 + 60_000);
    expect(set.warningDetails.map((w) => w.code)).not.toContain('unknownPriority');
    expect(new Date(set.reaction!.due!).toISOString()).toBe('2026-03-02T07:30:00.000Z');
  });
});
