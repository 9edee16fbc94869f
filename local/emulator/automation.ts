// Atlassian Automation running the app's actions (manifest `action` modules that an
// `automation:actionProvider` lists): the rule editor requires every input marked required and
// renders smart values ({{issue.key}}) before the call; the handler receives only the inputs.
// `{ errors: [{ message }] }` fails the step and the messages go to the rule's audit log.

export interface ManifestAction {
  key: string;
  name: string;
  inputs: Record<string, { title: string; type: string; required: boolean }>;
  /** The resource of its configuration form in the rule editor (`config.resource`), if any. */
  configResource?: string;
  /** The export of src/index.ts that handles it. */
  handler: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

export function readAutomationActions(modules: Obj): ManifestAction[] {
  const handlers = new Map(arr(modules.function).map((f) => [String(f.key), String(f.handler ?? '')]));
  const provided = new Set(arr(modules['automation:actionProvider']).flatMap((p) => (Array.isArray(p.actions) ? p.actions.map(String) : [])));
  return arr(modules.action)
    .filter((a) => provided.has(String(a.key)))
    .map((a) => ({
      key: String(a.key),
      name: String(a.name ?? a.key),
      inputs: Object.fromEntries(
        Object.entries(isObj(a.inputs) ? a.inputs : {}).map(([k, v]) => {
          const o = isObj(v) ? v : {};
          return [k, { title: String(o.title ?? k), type: String(o.type ?? 'string'), required: o.required === true }];
        }),
      ),
      ...(isObj(a.config) && typeof a.config.resource === 'string' ? { configResource: a.config.resource } : {}),
      handler: (handlers.get(String(a.function)) ?? '').replace(/^.*\./, ''),
    }));
}

export interface RuleIssue {
  key: string;
  id: string;
  projectKey: string;
}

/** Renders the smart values the actions' inputs use ({{issue.key}}, {{issue.id}}, {{project.key}}). */
export function renderSmartValues(text: string, issue: RuleIssue | null): string {
  return text.replace(/\{\{\s*([a-zA-Z.]+)\s*\}\}/g, (_, name: string) => {
    if (!issue) return '';
    if (name === 'issue.key') return issue.key;
    if (name === 'issue.id') return issue.id;
    if (name === 'project.key' || name === 'issue.project.key') return issue.projectKey;
    return '';
  });
}

/**
 * What the rule editor refuses before it saves the step: a required input empty after rendering,
 * an input the action does not declare, a configuration over 100 KB, or a field not of its
 * declared type (smart values pass).
 */
export function checkRuleConfiguration(action: ManifestAction, inputs: Record<string, string>, rendered: Record<string, string>): void {
  for (const [k, spec] of Object.entries(action.inputs)) {
    if (spec.required && (rendered[k] ?? '').trim() === '') throw new Error(`the rule editor requires "${spec.title}" (${k}) for ${action.name}`);
  }
  const unknownInputs = Object.keys(rendered).filter((k) => !(k in action.inputs));
  if (unknownInputs.length > 0) throw new Error(`${action.name} declares no input ${unknownInputs.join(', ')}`);
  if (Buffer.byteLength(JSON.stringify(inputs), 'utf8') > 100 * 1024) throw new Error(`the configuration of ${action.name} is larger than 100 kilobytes`);
  for (const [k, v] of Object.entries(inputs)) {
    const type = action.inputs[k]!.type;
    const bad = (type === 'integer' && !/^-?\d+$/.test(v.trim()) && !/\{\{/.test(v)) || (type === 'number' && !Number.isFinite(Number(v)) && !/\{\{/.test(v)) || (type === 'boolean' && !['true', 'false'].includes(v.trim()) && !/\{\{/.test(v));
    if (bad && v.trim() !== '') throw new Error(`the rule editor refuses "${v}" for ${k} of ${action.name}: expected ${type}`);
  }
}

export type AuditEntry = { status: 'SUCCESS'; action: string; output: unknown } | { status: 'FAILURE'; action: string; messages: string[] };

/** What the audit log shows for one action's answer. */
export function auditOf(action: ManifestAction, answer: unknown): AuditEntry {
  const errors = isObj(answer) && Array.isArray(answer.errors) ? answer.errors : null;
  if (errors && errors.length > 0) {
    return { status: 'FAILURE', action: action.key, messages: errors.map((e) => (isObj(e) && typeof e.message === 'string' ? e.message : 'Action failed')) };
  }
  return { status: 'SUCCESS', action: action.key, output: answer };
}
