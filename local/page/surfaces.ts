// The host page's Jira-native surfaces (issue 14): a JQL box that runs the app's JQL functions on
// the emulator, a rule runner that executes the app's Automation actions as a rule step, the
// dashboard gadget with its edit view, and the customer-portal view of a request as its reporter.
// Kept apart from host.ts, which hands in what it owns (state, frames, requests) as SurfaceHost.

import type { AutomationActionInfo, AutomationAudit, HostState, HostUser, JqlResponse, LocalPostPath, LocalRequest, LocalResponse, ModuleRef } from '../contract';
import { el } from './core.js';

type Lang = 'ru' | 'en';

export type SurfaceUser = HostUser;
export type AutomationAction = AutomationActionInfo;
/** The part of the page state the surfaces read. */
export type SurfaceState = Pick<HostState, 'users' | 'user' | 'project' | 'projects' | 'queue' | 'issue' | 'modules' | 'automationActions' | 'gadget'>;
export interface SurfaceHost {
  state(): SurfaceState | null;
  lang(): Lang;
  t(key: string, vars?: Record<string, string | number>): string;
  post<P extends LocalPostPath>(path: P, body: LocalRequest<P>): Promise<LocalResponse<P>>;
  errorText(e: unknown): string;
  /** Mounts an app frame; `as` makes its invocations and context another user's (the portal's reporter). */
  mountFrame(iframe: HTMLIFrameElement, module: ModuleRef, extension: Record<string, unknown>, onSubmit?: (v: unknown) => Promise<void>, as?: SurfaceUser): void;
  /** Raises a product event in the frame mounted in `iframe` only; false when nothing there listens (yet). */
  emitTo(iframe: HTMLIFrameElement, event: string, payload?: unknown): boolean;
  reload(): Promise<void>;
  openIssue(key: string): void;
}

export const SURFACE_TEXT: Record<Lang, Record<string, string>> = {
  en: {
    'tab.jql': 'JQL & rules',
    'tab.dashboard': 'Dashboard',
    'tab.portal': 'Customer portal',
    'jql.title': 'JQL search',
    'jql.hint': 'The app\'s functions: slaBreached("clock"), slaAtRisk(), slaRemaining("clock", "<", "2h"), slaEverBreached(), slaPaused().',
    'jql.as': 'Runs as {user}.',
    'jql.run': 'Search',
    'jql.empty': 'Type a JQL query first.',
    'jql.found': '{count} found',
    'jql.none': 'No requests match.',
    'jql.expanded': 'The JQL Jira runs (the functions replaced by their answers):',
    'rule.title': 'Automation rule runner',
    'rule.hint': "One step of a rule: the app's action on one request, inputs with smart values such as {{issue.key}}.",
    'rule.action': 'Action',
    'rule.issue': 'Request',
    'rule.run': 'Run the action',
    'rule.form': 'The action’s configuration form',
    'rule.required': '“{input}” is required: the rule editor does not save the step without it.',
    'rule.audit': 'Audit log',
    'rule.auditEmpty': 'No rule has run yet.',
    'rule.SUCCESS': 'Success',
    'rule.FAILURE': 'Failure',
    'rule.noIssue': 'No request in this project to run the rule on.',
    'input.issueKey': 'Issue key',
    'input.package': 'Service package (id or name)',
    'input.priority': 'SLA priority (id or name)',
    'dashboard.title': 'Dashboard',
    'dashboard.edit': 'Edit gadget',
    'dashboard.view': 'Back to the gadget',
    'dashboard.saved': 'Gadget configuration saved.',
    'frame.gadget': 'Reglament dashboard gadget',
    'portal.title': 'Help center',
    'portal.as': 'As the reporter sees it: {name}',
    'portal.none': 'Pick a request in the Requests tab to see it as its reporter does on the portal.',
    'portal.noReporter': 'The reporter of {key} is not a user of this site.',
    'frame.portal': 'SLA on the customer portal',
  },
  ru: {
    'tab.jql': 'JQL и правила',
    'tab.dashboard': 'Дашборд',
    'tab.portal': 'Портал клиента',
    'jql.title': 'Поиск JQL',
    'jql.hint': 'Функции приложения: slaBreached("clock"), slaAtRisk(), slaRemaining("clock", "<", "2h"), slaEverBreached(), slaPaused().',
    'jql.as': 'Выполняется от имени: {user}.',
    'jql.run': 'Найти',
    'jql.empty': 'Сначала введите запрос JQL.',
    'jql.found': 'Найдено: {count}',
    'jql.none': 'Подходящих обращений нет.',
    'jql.expanded': 'JQL, который выполняет Jira (функции заменены их ответами):',
    'rule.title': 'Запуск правила автоматизации',
    'rule.hint': 'Один шаг правила: действие приложения над одним обращением; во входных данных можно использовать smart values, например {{issue.key}}.',
    'rule.action': 'Действие',
    'rule.issue': 'Обращение',
    'rule.run': 'Выполнить действие',
    'rule.form': 'Форма настройки действия',
    'rule.required': 'Поле «{input}» обязательно: редактор правил не сохранит шаг без него.',
    'rule.audit': 'Журнал аудита',
    'rule.auditEmpty': 'Правила ещё не запускались.',
    'rule.SUCCESS': 'Успешно',
    'rule.FAILURE': 'Ошибка',
    'rule.noIssue': 'В проекте нет обращений, на которых можно запустить правило.',
    'input.issueKey': 'Ключ обращения',
    'input.package': 'Пакет обслуживания (id или название)',
    'input.priority': 'Приоритет SLA (id или название)',
    'dashboard.title': 'Дашборд',
    'dashboard.edit': 'Настроить гаджет',
    'dashboard.view': 'Вернуться к гаджету',
    'dashboard.saved': 'Настройки гаджета сохранены.',
    'frame.gadget': 'Гаджет Reglament на дашборде',
    'portal.title': 'Центр поддержки',
    'portal.as': 'Так видит автор обращения: {name}',
    'portal.none': 'Выберите обращение на вкладке «Обращения», чтобы увидеть его глазами автора на портале.',
    'portal.noReporter': 'Автор {key} не является пользователем этого сайта.',
    'frame.portal': 'SLA на портале клиента',
  },
};


const byId = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`host page: #${id} is missing`);
  return e as T;
};

/** The manifest names actions "English / Русский". */
function actionName(a: AutomationAction, lang: Lang): string {
  const [en, ru] = a.name.split(' / ');
  return (lang === 'ru' ? ru : en) ?? a.name;
}

type Audit = AutomationAudit;
interface AuditRow {
  at: number;
  issueKey: string;
  inputs: Record<string, string>;
  entry: Audit;
}

export function createSurfaces(host: SurfaceHost): { render(tab: string): void } {
  // Typed values survive re-renders (language, user, time); only labels and lists are redrawn.
  const jql = { text: 'issue in slaBreached("resolution")', result: null as null | JqlResponse };
  const rule = { action: '', issueKey: '', inputs: {} as Record<string, string>, invalid: {} as Record<string, { message: string }>, audit: [] as AuditRow[], error: '' };
  // null: not decided yet; Jira opens a gadget that has no configuration in its edit view.
  const gadget = { editing: null as boolean | null };
  const t = host.t;

  function renderJql(s: SurfaceState): HTMLElement {
    const input = el('textarea', { id: 'jql-input', rows: '2', spellcheck: 'false', 'data-testid': 'jql-input', 'aria-label': t('jql.title') });
    input.value = jql.text;
    input.addEventListener('input', () => (jql.text = input.value));
    const run = el('button', { type: 'button', class: 'btn btn--primary', 'data-testid': 'jql-run' }, t('jql.run'));
    const out = el('div', { 'data-testid': 'jql-result', 'aria-live': 'polite' });
    const show = (): void => {
      const r = jql.result;
      if (!r) return out.replaceChildren();
      if (!r.ok) return out.replaceChildren(el('p', { class: 'surface__error', role: 'alert', 'data-testid': 'jql-error' }, r.error));
      const parts: Array<HTMLElement | null> = [
        el('p', { 'data-testid': 'jql-count' }, r.keys.length === 0 ? t('jql.none') : t('jql.found', { count: r.keys.length })),
        el(
          'ul',
          { class: 'surface__keys', 'data-testid': 'jql-keys' },
          ...r.keys.map((k) => {
            const b = el('button', { type: 'button', class: 'btn btn--subtle', 'data-key': k }, k);
            b.addEventListener('click', () => host.openIssue(k));
            return el('li', {}, b);
          }),
        ),
        r.expanded === null ? null : el('p', { class: 'subtle' }, t('jql.expanded')),
        r.expanded === null ? null : el('code', { class: 'surface__code', 'data-testid': 'jql-expanded' }, r.expanded),
      ];
      out.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    };
    const submit = (): void => {
      const text = input.value.trim();
      if (!text) {
        jql.result = { ok: false, error: t('jql.empty') };
        show();
        return;
      }
      run.disabled = true;
      host
        .post('/__local/jql', { jql: text, as: host.state()?.user?.accountId ?? '' })
        .then((r) => (jql.result = r))
        .catch((e: unknown) => (jql.result = { ok: false, error: host.errorText(e) }))
        .finally(() => {
          run.disabled = false;
          show();
        });
    };
    run.addEventListener('click', submit);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
    });
    show();
    return el(
      'section',
      { class: 'surface__card', 'aria-labelledby': 'jql-title' },
      el('h2', { id: 'jql-title', class: 'section-title' }, t('jql.title')),
      el('p', { class: 'subtle' }, t('jql.hint')),
      input,
      el('div', { class: 'row' }, run, el('span', { class: 'subtle', 'data-testid': 'jql-as' }, t('jql.as', { user: s.user?.displayName ?? '—' }))),
      out,
    );
  }

  function renderRule(s: SurfaceState): HTMLElement {
    const lang = host.lang();
    const actions = s.automationActions ?? [];
    if (!actions.some((a) => a.key === rule.action)) rule.action = actions[0]?.key ?? '';
    const keys = s.queue.map((q) => q.key);
    if (!keys.includes(rule.issueKey)) rule.issueKey = s.issue?.key && keys.includes(s.issue.key) ? s.issue.key : (keys[0] ?? '');
    const actionSel = el('select', { id: 'rule-action', 'data-testid': 'rule-action' }, ...actions.map((a) => el('option', { value: a.key }, actionName(a, lang))));
    actionSel.value = rule.action;
    const issueSel = el('select', { id: 'rule-issue', 'data-testid': 'rule-issue' }, ...s.queue.map((q) => el('option', { value: q.key }, `${q.key} — ${q.summary}`)));
    issueSel.value = rule.issueKey;
    issueSel.addEventListener('change', () => (rule.issueKey = issueSel.value));
    const inputsBox = el('div', { class: 'surface__inputs' });
    let formFrame: HTMLIFrameElement | null = null;
    const drawInputs = (): void => {
      const a = actions.find((x) => x.key === rule.action);
      formFrame = null;
      if (a?.form) {
        // As the rule editor does: the action's own configuration form, given the stored inputs
        // (extension.data.inputs) and the fields the rule's validation refused; view.submit stores them.
        const frame = el('iframe', { class: 'surface__frame surface__form', title: t('rule.form'), 'data-testid': 'rule-form' });
        const stored = Object.fromEntries(Object.keys(a.inputs).filter((n) => rule.inputs[n] !== undefined).map((n) => [n, rule.inputs[n]!]));
        host.mountFrame(frame, { key: a.key, app: a.form }, { type: 'action', data: { inputs: stored }, errors: { invalidInputs: rule.invalid } }, async (value) => {
          if (typeof value !== 'object' || value === null) return;
          // Automation keeps only what the form submits, as strings (the declared inputs are strings).
          rule.inputs = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
        });
        formFrame = frame;
        inputsBox.replaceChildren(frame);
        return;
      }
      inputsBox.replaceChildren(
        ...Object.entries(a?.inputs ?? {}).map(([name, spec]) => {
          const input = el('input', { 'data-input': name, autocomplete: 'off' });
          // A rule passes the issue as a smart value; the box starts from what a rule would hold.
          input.value = rule.inputs[name] ?? (name === 'issueKey' ? '{{issue.key}}' : '');
          input.addEventListener('input', () => (rule.inputs[name] = input.value));
          const label = SURFACE_TEXT.en[`input.${name}`] !== undefined ? t(`input.${name}`) : spec.title;
          return el('label', { class: 'field' }, el('span', {}, `${label}${spec.required ? ' *' : ''}`), input);
        }),
      );
    };
    actionSel.addEventListener('change', () => {
      rule.action = actionSel.value;
      rule.inputs = {};
      rule.invalid = {};
      drawInputs();
    });
    drawInputs();
    const error = el('p', { class: 'surface__error', role: 'alert', 'data-testid': 'rule-error' }, rule.error);
    error.hidden = rule.error === '';
    const run = el('button', { type: 'button', class: 'btn btn--primary', 'data-testid': 'rule-run' }, t('rule.run'));
    run.disabled = actions.length === 0 || keys.length === 0;
    run.addEventListener('click', async () => {
      const a = actions.find((x) => x.key === rule.action);
      if (!a) return;
      if (a.form && formFrame) {
        // Automation's Next button: the form submits its values; then the rule is validated.
        // A form still loading has not subscribed yet: wait for it (Automation's Next waits for the form too).
        for (let i = 0; i < 100 && !host.emitTo(formFrame, 'AUTOMATION_ACTION_SUBMIT'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const inputs = Object.fromEntries(Object.keys(a.inputs).map((n) => [n, (rule.inputs[n] ?? (n === 'issueKey' && !a.form ? '{{issue.key}}' : '')).trim()]));
      const missing = Object.entries(a.inputs).filter(([n, spec]) => spec.required && inputs[n] === '');
      if (missing.length > 0) {
        const [name, spec] = missing[0]!;
        rule.error = t('rule.required', { input: SURFACE_TEXT.en[`input.${name}`] !== undefined ? t(`input.${name}`) : spec.title });
        // The rule's validation names each refused field to the form (extension.errors.invalidInputs).
        rule.invalid = Object.fromEntries(missing.map(([n]) => [n, { message: `${n} is required` }]));
        if (a.form) render('jql');
        else {
          error.textContent = rule.error;
          error.hidden = false;
        }
        return;
      }
      rule.invalid = {};
      rule.error = '';
      run.disabled = true;
      const issueKey = rule.issueKey;
      host
        .post('/__local/automation', { action: a.key, inputs, issueKey, ...(host.state()?.user ? { as: host.state()!.user!.accountId } : {}) })
        .then(async (entry) => {
          rule.audit.unshift({ at: Date.now(), issueKey, inputs, entry });
          await host.reload();
        })
        .catch((e: unknown) => {
          rule.error = host.errorText(e);
          render('jql');
        });
    });
    const audit = el(
      'ol',
      { class: 'surface__audit', 'data-testid': 'rule-audit' },
      ...(rule.audit.length === 0
        ? [el('li', { class: 'empty' }, t('rule.auditEmpty'))]
        : rule.audit.map((r) => {
            const a = actions.find((x) => x.key === r.entry.action);
            return el(
              'li',
              { 'data-status': r.entry.status },
              el('div', { class: 'row' }, el('span', { class: `lozenge lozenge--${r.entry.status === 'SUCCESS' ? 'done' : 'sla-breached'}` }, t(`rule.${r.entry.status}`)), el('strong', {}, a ? actionName(a, lang) : r.entry.action), el('span', { class: 'subtle' }, `${r.issueKey} · ${new Date(r.at).toLocaleTimeString(lang === 'ru' ? 'ru-RU' : 'en-GB')}`)),
              r.entry.status === 'FAILURE' ? el('ul', {}, ...r.entry.messages.map((m) => el('li', {}, m))) : el('pre', { class: 'surface__code' }, JSON.stringify(r.entry.output ?? null, null, 2)),
            );
          })),
    );
    return el(
      'section',
      { class: 'surface__card', 'aria-labelledby': 'rule-title' },
      el('h2', { id: 'rule-title', class: 'section-title' }, t('rule.title')),
      el('p', { class: 'subtle' }, t('rule.hint')),
      el('label', { class: 'field' }, el('span', {}, t('rule.action')), actionSel),
      el('label', { class: 'field' }, el('span', {}, t('rule.issue')), issueSel),
      keys.length === 0 ? el('p', { class: 'subtle' }, t('rule.noIssue')) : null,
      inputsBox,
      error,
      el('div', { class: 'row' }, run),
      el('h3', { class: 'section-title' }, t('rule.audit')),
      audit,
    );
  }

  function renderDashboard(s: SurfaceState): void {
    const item = s.gadget;
    const config = item.configuration;
    if (gadget.editing === null || config === null) gadget.editing = config === null;
    const toggle = byId<HTMLButtonElement>('gadget-edit');
    toggle.textContent = gadget.editing ? t('dashboard.view') : t('dashboard.edit');
    // Without a configuration there is nothing to go back to.
    toggle.disabled = gadget.editing && config === null;
    toggle.onclick = () => {
      gadget.editing = !gadget.editing;
      render('dashboard');
    };
    const project = s.projects.find((p) => p.key === s.project);
    host.mountFrame(
      byId<HTMLIFrameElement>('frame-gadget'),
      s.modules.gadget,
      {
        type: 'jira:dashboardGadget',
        gadget: { id: item.itemId },
        dashboard: { id: item.dashboardId },
        gadgetConfiguration: config ?? {},
        ...(gadget.editing ? { entryPoint: 'edit' } : {}),
        ...(project ? { project: { id: project.id, key: project.key, type: 'service_desk' } } : {}),
      },
      // The edit view's view.submit: Jira stores the value as the gadget's configuration and shows the gadget.
      async (value) => {
        // As the edit view gave it: the server's schema refuses what is not an object.
        await host.post('/__local/gadget', { dashboardId: item.dashboardId, itemId: item.itemId, configuration: value as Record<string, unknown> });
        gadget.editing = false;
        await host.reload();
      },
    );
  }

  function renderPortal(s: SurfaceState): void {
    const head = byId('portal-head');
    const box = byId('portal-box');
    const issue = s.issue;
    if (!issue) {
      head.replaceChildren(el('p', { class: 'empty' }, t('portal.none')));
      box.hidden = true;
      return;
    }
    const reporter = s.users.find((u) => u.accountId === issue.reporter.accountId);
    if (!reporter) {
      head.replaceChildren(el('p', { class: 'empty' }, t('portal.noReporter', { key: issue.key })));
      box.hidden = true;
      return;
    }
    box.hidden = false;
    head.replaceChildren(
      el('div', { class: 'crumbs' }, `${t('portal.title')} / ${issue.project.name}`),
      el('h1', { 'data-testid': 'portal-summary' }, `${issue.key} · ${issue.summary}`),
      el('p', { class: 'subtle', 'data-testid': 'portal-as' }, t('portal.as', { name: reporter.displayName })),
    );
    host.mountFrame(
      byId<HTMLIFrameElement>('frame-portal'),
      s.modules.portal,
      { type: 'jiraServiceManagement:portalRequestDetail', request: { key: issue.key, typeId: '10100' }, portal: { id: issue.project.id }, project: { id: issue.project.id, key: issue.project.key, type: 'service_desk' } },
      undefined,
      reporter,
    );
  }

  function render(tab: string): void {
    const s = host.state();
    if (!s) return;
    if (tab === 'jql') byId('jql-view').replaceChildren(renderJql(s), renderRule(s));
    if (tab === 'dashboard') renderDashboard(s);
    if (tab === 'portal') renderPortal(s);
  }

  return { render };
}
