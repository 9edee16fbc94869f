// Atlassian Automation running the app's actions (manifest `action` modules that an
// `automation:actionProvider` lists): the rule editor requires every input marked required and
// renders smart values ({{issue.key}}) before the call; the handler receives only the inputs.
// `{ errors: [{ message }] }` fails the step and the messages go to the rule's audit log.

export interface ManifestAction {
  key: string;
  name: string;
  inputs: Record<string, { title: string; type: string; required: boolean }>;
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

export type AuditEntry = { status: 'SUCCESS'; action: string; output: unknown } | { status: 'FAILURE'; action: string; messages: string[] };

/** What the audit log shows for one action's answer. */
export function auditOf(action: ManifestAction, answer: unknown): AuditEntry {
  const errors = isObj(answer) && Array.isArray(answer.errors) ? answer.errors : null;
  if (errors && errors.length > 0) {
    return { status: 'FAILURE', action: action.key, messages: errors.map((e) => (isObj(e) && typeof e.message === 'string' ? e.message : 'Action failed')) };
  }
  return { status: 'SUCCESS', action: action.key, output: answer };
}
