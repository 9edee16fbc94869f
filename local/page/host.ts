// The host page: a Jira-like issue view around the app's real Custom UI bundles. It plays
// Jira's part of the Custom UI bridge for each iframe (invoke → /__local/invoke as the
// selected user, getContext, events incl. JIRA_ISSUE_CHANGED, theming, submit/close), and
// drives the emulator: create, comment, transition, field edits, simulated time, users.
// Split by what it shows: core.ts (state, preferences, formatting, requests), frames.ts (the
// bridge), issue-view.ts, actions.ts, surfaces.ts (JQL, rules, gadget, portal); this file loads
// the state, draws the top bar, tabs and queue, and wires the controls.
import type { HostState, QueueRow } from '../contract';
import { action, moveTime } from './actions.js';
import { $, el, errorText, fmtWhen, hooks, isTab, localInput, openIssueHere, page, post, prefs, readInput, savePrefs, shownInput, simNow, statusName, t, toast, TOKEN_HEADERS, userZone, zoneName } from './core.js';
import { emitIssueChanged, emitTo, mountFrame } from './frames.js';
import { fitEditor, fitFrames, renderIssue } from './issue-view.js';
import { createSurfaces } from './surfaces.js';

// ------------------------------------------------------------------ page.state

async function load(): Promise<void> {
  const q = new URLSearchParams({ user: prefs.user, project: prefs.project, issue: prefs.issue });
  const res = await fetch(`/__local/state?${q.toString()}`, { headers: TOKEN_HEADERS });
  page.state = (await res.json()) as HostState;
  const banner = $('preparing');
  banner.hidden = page.state.ready;
  banner.textContent = page.state.preparing;
  if (!page.state.ready) {
    window.setTimeout(() => void load(), 1500);
    return;
  }
  page.clockBase = { sim: page.state.now, real: Date.now() };
  if (page.state.user) prefs.user = page.state.user.accountId;
  prefs.project = page.state.project;
  const first = sortedQueue(page.state.queue)[0];
  if (!page.state.issue && first) {
    prefs.issue = first.key;
    savePrefs();
    return load();
  }
  savePrefs();
  render();
}

hooks.reload = load;

// ------------------------------------------------------------------ render

function renderStatic(): void {
  document.documentElement.lang = prefs.lang;
  document.title = t('brand');
  document.documentElement.setAttribute('data-color-mode', prefs.theme);
  document.querySelectorAll<HTMLElement>('[data-t]').forEach((n) => (n.textContent = t(n.dataset.t!)));
  document.querySelectorAll<HTMLElement>('[data-t-title]').forEach((n) => (n.title = t(n.dataset.tTitle!)));
  document.querySelectorAll<HTMLElement>('[data-t-aria]').forEach((n) => n.setAttribute('aria-label', t(n.dataset.tAria!)));
  ($('lang-select') as HTMLSelectElement).value = prefs.lang;
  ($('theme-select') as HTMLSelectElement).value = prefs.theme;
  ($('sort-select') as HTMLSelectElement).value = prefs.sort;
  if (page.state) ($('fault-select') as HTMLSelectElement).value = String(page.state.faults?.rate ?? 0);
  document.querySelectorAll<HTMLButtonElement>('.tabs button').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === prefs.tab)));
  $('issues-view').hidden = prefs.tab !== 'issues';
  $('admin-view').hidden = prefs.tab !== 'admin';
  $('reports-view').hidden = prefs.tab !== 'reports';
  $('jql-view').hidden = prefs.tab !== 'jql';
  $('dashboard-view').hidden = prefs.tab !== 'dashboard';
  $('portal-view').hidden = prefs.tab !== 'portal';
}

/** Open requests by their nearest due (overdue first), then the rest newest first; or newest first. */
function sortedQueue(rows: QueueRow[]): QueueRow[] {
  const newest = (a: QueueRow, b: QueueRow): number => b.created - a.created || b.key.localeCompare(a.key, 'en', { numeric: true });
  if (prefs.sort === 'newest') return [...rows].sort(newest);
  // 0: a clock is ticking towards a due; 1: open but nothing due (paused, waiting); 2: done.
  const rank = (r: QueueRow): number => (r.statusCategory === 'done' ? 2 : r.due !== null && r.sla !== 'met' ? 0 : 1);
  return [...rows].sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? a.due! - b.due! : 0) || newest(a, b));
}

function render(): void {
  const s = page.state!;
  renderStatic();
  const userSel = $('user-select') as HTMLSelectElement;
  userSel.replaceChildren(...s.users.map((u) => el('option', { value: u.accountId }, `${u.displayName} — ${t(`role.${u.role}`)}`)));
  userSel.value = s.user?.accountId ?? '';
  const projSel = $('project-select') as HTMLSelectElement;
  projSel.replaceChildren(...s.projects.map((p) => el('option', { value: p.key }, `${p.name} (${p.key})`)));
  projSel.value = s.project;
  $('sim-now').textContent = fmtWhen(simNow());
  $('sim-now').title = `${userZone()} · ${t('data.path', { path: s.dataPath })}`;
  const jump = $('jump-to') as HTMLInputElement;
  // Starts from the simulated now, so a jump is an edit of a nearby date, not typing a whole one.
  if (document.activeElement !== jump) jump.value = shownInput(simNow());
  jump.placeholder = t('time.jumpFormat');
  jump.title = t('time.jumpTitle', { zone: `${userZone()}, ${zoneName(simNow())}` });
  jump.setAttribute('aria-label', jump.title);

  const queue = $('queue');
  queue.replaceChildren(
    ...(s.queue.length === 0
      ? [el('li', { class: 'empty' }, t('queue.empty'))]
      : sortedQueue(s.queue).map((row) => {
          const b = el(
            'button',
            { type: 'button', 'data-key': row.key, 'aria-current': String(row.key === s.issue?.key), ...(row.due !== null && row.sla !== 'met' && row.statusCategory !== 'done' ? { 'data-due': String(row.due) } : {}) },
            el('span', { class: 'q-key' }, row.key),
            el(
              'span',
              { class: 'q-tags' },
              el('span', { class: `lozenge lozenge--${row.statusCategory}` }, statusName(row.status)),
              row.sla ? el('span', { class: `lozenge lozenge--sla-${row.sla}`, 'data-sla': row.sla, title: 'SLA' }, t(`sla.${row.sla}`)) : null,
            ),
            el('span', { class: 'q-summary', title: row.summary }, row.summary),
            row.due !== null && row.sla !== 'met' ? el('span', { class: `q-due q-due--${row.sla ?? 'none'}` }, t('queue.due', { when: fmtWhen(row.due) })) : null,
          );
          b.addEventListener('click', () => {
            prefs.issue = row.key;
            void load();
          });
          return el('li', {}, b);
        })),
  );
  // The open request stays in sight in a long queue (after a reload, a sort or a jump).
  queue.querySelector<HTMLElement>('button[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  renderIssue();
  renderFrames();
}

function renderFrames(): void {
  const s = page.state!;
  const issue = s.issue;
  if (issue) {
    const ext = {
      issue: { id: issue.id, key: issue.key, type: 'Support request', typeId: '10100' },
      project: { id: issue.project.id, key: issue.project.key, type: 'service_desk' },
    };
    mountFrame($('frame-context') as HTMLIFrameElement, s.modules.issueContext, { type: 'jira:issueContext', ...ext });
    mountFrame($('frame-panel') as HTMLIFrameElement, s.modules.issuePanel, { type: 'jira:issuePanel', ...ext, isNewToIssue: false });
  }
  if (prefs.tab === 'admin') mountFrame($('frame-admin') as HTMLIFrameElement, s.modules.adminPage, { type: 'jira:adminPage' });
  const project = s.projects.find((p) => p.key === s.project);
  if (prefs.tab === 'reports' && project) {
    mountFrame($('frame-reports') as HTMLIFrameElement, s.modules.projectPage, { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'service_desk' } });
  }
  surfaces.render(prefs.tab);
}

const surfaces = createSurfaces({
  state: () => page.state,
  lang: () => prefs.lang,
  t,
  post,
  errorText,
  mountFrame,
  emitTo,
  reload: load,
  openIssue: openIssueHere,
});

// ------------------------------------------------------------------ wiring

function wire(): void {
  document.querySelectorAll<HTMLButtonElement>('.tabs button').forEach((b) =>
    b.addEventListener('click', () => {
      prefs.tab = isTab(b.dataset.tab) ? b.dataset.tab : 'issues';
      savePrefs();
      render();
    }),
  );
  ($('user-select') as HTMLSelectElement).addEventListener('change', (e) => {
    prefs.user = (e.target as HTMLSelectElement).value;
    void load();
  });
  ($('project-select') as HTMLSelectElement).addEventListener('change', (e) => {
    prefs.project = (e.target as HTMLSelectElement).value;
    prefs.issue = '';
    void load();
  });
  ($('sort-select') as HTMLSelectElement).addEventListener('change', (e) => {
    prefs.sort = (e.target as HTMLSelectElement).value === 'newest' ? 'newest' : 'due';
    savePrefs();
    render();
  });
  ($('lang-select') as HTMLSelectElement).addEventListener('change', (e) => {
    prefs.lang = (e.target as HTMLSelectElement).value === 'en' ? 'en' : 'ru';
    savePrefs();
    render();
  });
  ($('theme-select') as HTMLSelectElement).addEventListener('change', (e) => {
    prefs.theme = (e.target as HTMLSelectElement).value === 'dark' ? 'dark' : 'light';
    savePrefs();
    render();
  });
  ($('fault-select') as HTMLSelectElement).addEventListener('change', (e) => {
    const rate = Number((e.target as HTMLSelectElement).value);
    void post('/__local/faults', { rate })
      .then(() => toast(t('toast.faults', { percent: `${Math.round(rate * 100)}%` })))
      .catch((err: unknown) => toast(errorText(err), true));
  });
  document.querySelectorAll<HTMLButtonElement>('[data-time]').forEach((b) =>
    b.addEventListener('click', () => void moveTime(b.dataset.time === 'workingHour' ? { op: 'workingHour', projectKey: prefs.project } : { op: b.dataset.time === 'day' ? 'day' : 'hour' })),
  );
  $('jump').addEventListener('click', () => {
    const typed = ($('jump-to') as HTMLInputElement).value;
    // The picker's wall-clock time means the zone simulated time is shown in (the user's), not the browser's.
    if (!typed.trim()) return;
    const v = readInput(typed);
    if (v === null) {
      toast(t('error.jumpFormat', { value: typed.trim(), format: t('time.jumpFormat') }), true);
      return;
    }
    // Said here rather than by a refused request (which the browser would log as a failed load).
    if (v < localInput(simNow())) {
      toast(t('error.timeBackwards', { to: typed.trim(), now: fmtWhen(simNow()) }), true);
      return;
    }
    void moveTime({ op: 'toLocal', local: v, timeZone: userZone() });
  });
  $('sweep').addEventListener('click', () => {
    void post('/__local/sweep', {})
      .then(async () => {
        await load();
        emitIssueChanged('updated');
        toast(t('toast.sweep'));
      })
      .catch((e: unknown) => toast(errorText(e), true));
  });
  const dialog = $('create-dialog') as HTMLDialogElement;
  $('create-open').addEventListener('click', () => {
    const user = page.state?.user;
    if (!user || user.role !== 'customer') {
      toast(t('create.customersOnly'), true);
      return;
    }
    $('create-as').textContent = t('create.as', { name: user.displayName });
    dialog.showModal();
  });
  $('create-cancel').addEventListener('click', () => dialog.close());
  ($('create-form') as HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    dialog.close();
    void action({ kind: 'create', projectKey: prefs.project, summary: String(data.get('summary') ?? ''), description: String(data.get('description') ?? '') });
    form.reset();
  });
  window.setInterval(() => {
    if (page.state) $('sim-now').textContent = fmtWhen(simNow());
  }, 1000);
}

wire();
fitEditor();
fitFrames();
void load();

