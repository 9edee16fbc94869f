// The escalation ladder in the configuration: what an admin may write and the message, with its
// exact path, for what they may not.
import { parseSlaConfig } from '../../../src/config';
import { parseLadderAt, parseWorkingMinutes } from '../../../src/domain/sla/escalation';
import { TEMPLATES } from '../../../src/domain/templates';

const base = () => JSON.parse(JSON.stringify(TEMPLATES.altec)) as Record<string, unknown>;

describe('escalation ladder texts', () => {
  it.each([
    ['50%', { kind: 'elapsed', percent: 50 }],
    ['75 %', { kind: 'elapsed', percent: 75 }],
    ['due', { kind: 'afterDue', minutes: 0 }],
    ['+2h', { kind: 'afterDue', minutes: 120 }],
    ['-1h30m', { kind: 'beforeDue', minutes: 90 }],
    ['+45m', { kind: 'afterDue', minutes: 45 }],
  ])('%s reads as %j', (text, expected) => {
    expect(parseLadderAt(text)).toEqual(expected);
  });

  it.each(['0%', '150%', '2h', '+0m', 'soon', '', '+-1h'])('%j is not a level', (text) => {
    expect(parseLadderAt(text)).toBeNull();
  });

  it.each([
    ['4h', 240],
    ['30m', 30],
    ['1h 15m', 75],
    ['0h', null],
    ['4 hours', null],
  ])('working time %j is %p minutes', (text, minutes) => {
    expect(parseWorkingMinutes(text)).toBe(minutes);
  });
});

describe('escalation in the configuration', () => {
  it('accepts a full ladder and fills the notify defaults', () => {
    const cfg = {
      ...base(),
      escalation: {
        resolution: [
          { id: 'half', at: '50%', actions: [{ kind: 'notify', to: { assignee: true } }] },
          { id: 'due', at: 'due', actions: [{ kind: 'priority', jiraPriority: 'Highest' }, { kind: 'label', label: 'sla-breached' }] },
          { id: 'late', at: '+2h', repeat: '4h', actions: [{ kind: 'notify', to: { groups: ['support-leads'] } }, { kind: 'reassign', accountId: 'lead-1' }, { kind: 'comment' }] },
        ],
      },
    };
    const r = parseSlaConfig(cfg);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const half = r.config.escalation?.resolution?.[0];
    expect(half?.repeat).toBeNull();
    expect(half?.actions[0]).toEqual({ kind: 'notify', to: { assignee: true, watchers: false, reporter: false, accountIds: [], groups: [] } });
  });

  it.each([
    ['an unreadable level', [{ id: 'a', at: 'soon', actions: [{ kind: 'comment' }] }], 'escalation.resolution[0].at'],
    ['a repeat before the due instant', [{ id: 'a', at: '75%', repeat: '1h', actions: [{ kind: 'comment' }] }], 'escalation.resolution[0].repeat'],
    ['two levels with one id', [{ id: 'a', at: '50%', actions: [{ kind: 'comment' }] }, { id: 'a', at: 'due', actions: [{ kind: 'comment' }] }], 'escalation.resolution[1].id'],
    ['a notify with nobody to tell', [{ id: 'a', at: 'due', actions: [{ kind: 'notify', to: {} }] }], 'escalation.resolution[0].actions[0].to'],
    ['a level with no action', [{ id: 'a', at: 'due', actions: [] }], 'escalation.resolution[0].actions'],
    ['a repeat of more than a working year', [{ id: 'a', at: 'due', repeat: '3000h', actions: [{ kind: 'comment' }] }], 'escalation.resolution[0].repeat'],
  ])('refuses %s, naming the field', (_name, levels, path) => {
    const r = parseSlaConfig({ ...base(), escalation: { resolution: levels } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain(path);
  });

  it('a configuration without a ladder parses to exactly what it was (no escalation key)', () => {
    const r = parseSlaConfig(base());
    expect(r.ok && 'escalation' in r.config).toBe(false);
  });
});
