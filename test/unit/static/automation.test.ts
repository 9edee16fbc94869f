// The Automation actions' configuration form (static/automation): it submits exactly the inputs
// each action declares in manifest.yml (Automation rejects any other field), and says what is wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ACTION_INPUTS, FORM_MESSAGES, initialValues, problems, toInputs, type ActionKey } from '../../../static/automation/src/model';

const manifest = parse(readFileSync(join(__dirname, '../../../manifest.yml'), 'utf8')) as {
  modules: { action: Array<{ key: string; config?: { resource?: string }; inputs: Record<string, { type: string; required: boolean }> }>; 'automation:actionProvider': Array<{ actions: string[] }> };
  resources: Array<{ key: string; path: string }>;
};

describe('Automation action configuration form', () => {
  it('covers every provided action with exactly its declared inputs, and the manifest points each at the form', () => {
    const provided = manifest.modules['automation:actionProvider'].flatMap((p) => p.actions).sort();
    expect(Object.keys(ACTION_INPUTS).sort()).toEqual(provided);
    for (const a of manifest.modules.action) {
      expect([a.key, [...ACTION_INPUTS[a.key as ActionKey]].sort()]).toEqual([a.key, Object.keys(a.inputs).sort()]);
      expect(a.config?.resource).toBe('automation');
      // Automation validates the stored type against the declaration: the form submits strings.
      for (const spec of Object.values(a.inputs)) expect(spec.type).toBe('string');
      const { values, mode } = initialValues(a.key as ActionKey, null);
      expect(Object.keys(toInputs(a.key as ActionKey, values, mode)).sort()).toEqual(Object.keys(a.inputs).sort());
    }
    expect(manifest.resources).toContainEqual({ key: 'automation', path: 'static/automation/build' });
  });

  it('starts from the stored inputs, else {{issue.key}}, and submits only one of due and extension', () => {
    expect(initialValues('agree-deadline', null)).toEqual({ values: { issueKey: '{{issue.key}}', clock: 'resolution', due: '', extend: '', reason: '' }, mode: 'extend' });
    const stored = { issueKey: 'SUP-1', clock: 'reaction', due: '2026-03-06T18:00:00+03:00', extend: '', reason: 'agreed', other: 'x' };
    const start = initialValues('agree-deadline', stored);
    expect(start.mode).toBe('due');
    expect(toInputs('agree-deadline', { ...start.values, extend: '4h' }, 'due')).toEqual({ issueKey: 'SUP-1', clock: 'reaction', due: '2026-03-06T18:00:00+03:00', extend: '', reason: 'agreed' });
    expect(toInputs('agree-deadline', { ...start.values, extend: ' 4h ' }, 'extend')).toEqual({ issueKey: 'SUP-1', clock: 'reaction', due: '', extend: '4h', reason: 'agreed' });
  });

  it('names what is wrong per input, accepting smart values as they are', () => {
    expect(problems('recompute-sla', { issueKey: '{{issue.key}}' })).toEqual({});
    expect(problems('recompute-sla', { issueKey: 'summary text' })).toEqual({ issueKey: 'error.issueKey' });
    expect(problems('set-sla-priority', { issueKey: 'SUP-1', priority: '' })).toEqual({ priority: 'error.required' });
    expect(problems('agree-deadline', { issueKey: 'SUP-1', clock: 'resolution', due: '', extend: '', reason: '' }, 'due')).toEqual({ due: 'error.required', reason: 'error.required' });
    expect(problems('agree-deadline', { issueKey: 'SUP-1', clock: 'followUp', due: '', extend: 'soon', reason: 'r' })).toEqual({ clock: 'error.clock', extend: 'error.extend' });
    expect(problems('agree-deadline', { issueKey: 'SUP-1', clock: 'reaction', due: '2026-03-06', extend: '', reason: 'r' }, 'due')).toEqual({ due: 'error.due' });
    expect(problems('agree-deadline', { issueKey: 'SUP-1', clock: 'reaction', due: '{{now.plusBusinessDays(2)}}', extend: '', reason: 'r'.repeat(501) }, 'due')).toEqual({ reason: 'error.reasonLong' });
  });

  it('has every text in Russian and English', () => {
    expect(Object.keys(FORM_MESSAGES.ru).sort()).toEqual(Object.keys(FORM_MESSAGES.en).sort());
  });
});
