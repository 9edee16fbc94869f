import { parseSlaConfig, slaConfigSchema } from '../../../src/config';
import { TEMPLATES } from '../../../src/domain/templates';

type Json = Record<string, unknown>;

function withActions(template: keyof typeof TEMPLATES, edit: (actions: Json, config: Json) => void): unknown {
  const config = JSON.parse(JSON.stringify(TEMPLATES[template])) as Json;
  edit(config.actions as Json, config);
  return config;
}

function problems(input: unknown): Array<{ path: string; message: string }> {
  const r = parseSlaConfig(input);
  return r.ok ? [] : r.issues;
}

describe('notification and action settings', () => {
  it('parses every template as it is, actions included', () => {
    for (const [id, t] of Object.entries(TEMPLATES)) expect([id, slaConfigSchema.parse(JSON.parse(JSON.stringify(t)))]).toEqual([id, t]);
  });

  it('still reads a configuration saved before actions existed, and gives it none', () => {
    const old = JSON.parse(JSON.stringify(TEMPLATES.altec)) as Json;
    delete old.actions;
    const r = parseSlaConfig(old);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config.actions).toBeUndefined();
  });

  it('fills what an admin leaves out: empty lists, no notice, no recipients unset', () => {
    const r = parseSlaConfig(withActions('altec', (a) => {
      for (const k of Object.keys(a)) delete a[k];
      a.resolution = { breached: [{ kind: 'notify', to: { assignee: true } }] };
    }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.config.actions?.reaction).toEqual({ atRisk: [], breached: [] });
      expect(r.config.actions?.resolution.breached).toEqual([{ kind: 'notify', to: { assignee: true, watchers: false, reporter: false } }]);
      expect(r.config.actions?.autoCloseNotice).toEqual({ before: null, onClose: false });
    }
  });

  it('names the exact place of a notification without recipients and of a repeated action', () => {
    expect(problems(withActions('altec', (a) => {
      a.reaction = { atRisk: [], breached: [{ kind: 'notify', to: { assignee: false, watchers: false, reporter: false } }, { kind: 'comment' }, { kind: 'comment' }] };
      a.followUp = { atRisk: [], breached: [{ kind: 'label', label: 'sla-breached' }, { kind: 'label', label: 'sla-breached' }] };
    }))).toEqual([
      { path: 'actions.reaction.breached[0].to', message: 'expected at least one recipient: assignee, watchers or reporter' },
      { path: 'actions.reaction.breached[2]', message: 'a second "comment" action; one is enough' },
      { path: 'actions.followUp.breached[1]', message: 'label "sla-breached" is added twice' },
    ]);
  });

  it('rejects a label Jira would refuse', () => {
    expect(problems(withActions('altec', (a) => {
      a.followUp = { atRisk: [], breached: [{ kind: 'label', label: 'sla breached' }] };
    }))).toEqual([{ path: 'actions.followUp.breached[0].label', message: 'a Jira label cannot contain spaces' }]);
  });

  it('rejects actions on a clock the configuration does not have', () => {
    expect(problems(withActions('pass24', (a) => {
      a.reaction = { atRisk: [], breached: [{ kind: 'comment' }] };
    }))).toEqual([{ path: 'actions.reaction.breached', message: 'the configuration has no reaction goal, so this clock never breaches' }]);
  });

  it('rejects at-risk actions when nothing is ever at risk', () => {
    expect(problems(withActions('altec', (a, c) => {
      c.atRiskThreshold = 0;
      a.resolution = { atRisk: [{ kind: 'comment' }], breached: [] };
    }))).toEqual([{ path: 'actions.resolution.atRisk', message: 'the at-risk threshold is 0, so no clock is ever at risk' }]);
  });

  it('checks the auto-close notice against the auto-close period', () => {
    expect(problems(withActions('barier', (a) => {
      a.autoCloseNotice = { before: '24h', onClose: true };
    }))).toEqual([{ path: 'actions.autoCloseNotice.before', message: '"24h" is not shorter than the auto-close period "24h"' }]);
    expect(problems(withActions('barier', (a) => {
      a.autoCloseNotice = { before: 'soon', onClose: true };
    }))).toEqual([{ path: 'actions.autoCloseNotice.before', message: 'expected a plain period like "24h", "3d" or "90m", got "soon"' }]);
    expect(problems(withActions('pass24', (a) => {
      a.autoCloseNotice = { before: null, onClose: true };
    }))).toEqual([{ path: 'actions.autoCloseNotice', message: 'auto-close is off: switch it on (autoClose.period) or turn the auto-close notice off' }]);
  });

  it('ships the documented defaults: breach notifies assignee and watchers and labels; notices where the regulation auto-closes', () => {
    for (const id of ['agentplus', 'altec', 'barier'] as const) expect(TEMPLATES[id].actions?.autoCloseNotice.onClose).toBe(true);
    expect(TEMPLATES.barier.actions?.autoCloseNotice.before).toBe('4h');
    expect(TEMPLATES.pass24.actions?.autoCloseNotice).toEqual({ before: null, onClose: false });
    expect(TEMPLATES.altec.actions?.resolution.breached).toEqual([
      { kind: 'notify', to: { assignee: true, watchers: true, reporter: false } },
      { kind: 'label', label: 'sla-breached' },
    ]);
    expect(TEMPLATES.pass24.actions?.reaction).toEqual({ atRisk: [], breached: [] });
  });
});
