// The request in the middle of the issues tab, as Jira's issue view shows it: status and its
// transitions, details with the app's fields (edited in the app's own field editor, in a dialog),
// and one timeline of comments and status changes with the comment form.
import { action } from './actions.js';
import { $, el, fmtWhen, page, prefs, statusName, t, toast } from './core.js';
import { frames, mountFrame } from './frames.js';
import { TEXT } from './text.js';

export function renderIssue(): void {
  const s = page.state!;
  const box = $('issue');
  const issue = s.issue;
  if (!issue || !s.user) {
    box.replaceChildren(el('p', { class: 'empty' }, t('issue.none')));
    return;
  }
  const role = s.user.role;
  const statusLozenge = el('span', { class: `lozenge lozenge--${issue.status.category}`, 'data-testid': 'issue-status' }, statusName(issue.status.name));
  const transitions = el(
    'div',
    { class: 'row' },
    statusLozenge,
    ...issue.transitions.map((tr) => {
      const b = el('button', { type: 'button', class: 'btn', 'data-transition': tr.to }, t('transition.to', { status: statusName(tr.to) }));
      b.addEventListener('click', () => void action({ kind: 'transition', key: issue.key, status: tr.to }));
      return b;
    }),
  );
  // What the manifest's formatter shows for the choice fields in Jira's navigator: the name, else the id.
  const formatted = (v: unknown): string => {
    const o = (typeof v === 'object' && v !== null ? v : {}) as { id?: unknown; name?: unknown };
    return typeof o.name === 'string' && o.name !== '' ? o.name : typeof o.id === 'string' ? o.id : JSON.stringify(v);
  };
  const fieldRow = (module: string, editable: 'package' | 'priority' | null): HTMLElement[] => {
    const f = issue.fields[module];
    if (!f) return [];
    const v = f.value;
    const shown = v === null || v === undefined ? t('issue.empty') : typeof v === 'string' ? (f.type === 'datetime' ? fmtWhen(Date.parse(v)) : v) : formatted(v);
    const dd = el('dd', { 'data-field': module }, el('span', {}, shown));
    if (editable && role !== 'customer') {
      const b = el('button', { type: 'button', class: 'btn btn--subtle', 'data-edit': editable }, t('issue.edit'));
      b.addEventListener('click', () => openEditor(editable));
      dd.append(b);
    }
    const locale = prefs.lang === 'ru' ? 'ru-RU' : 'en-US';
    // Jira shows a field under its name in the user's locale (the manifest's translations).
    const label = f.names?.[locale] ?? (TEXT[prefs.lang][`field.${module}`] !== undefined ? t(`field.${module}`) : f.name);
    return [el('dt', {}, label), dd];
  };
  // Comments and status changes in one timeline, as Jira's "All" activity shows them: the
  // auto-close by the app is visible here, not only in the SLA panel.
  const entries: Array<{ at: number; node: HTMLElement }> = [
    ...issue.comments.map((c) => ({
      at: c.created,
      node: el(
        'li',
        { class: c.internal ? 'comment comment--internal' : 'comment' },
        el('div', { class: 'comment__meta' }, `${c.author ?? c.authorId} · ${fmtWhen(c.created)}${c.internal ? ` · ${t('comment.internalTag')}` : ''}`),
        el('div', { class: 'comment__body' }, c.body),
      ),
    })),
    ...(issue.history ?? []).flatMap((h) =>
      h.items
        .filter((i) => i.field === 'status')
        .map((i) => ({
          at: h.at,
          node: el(
            'li',
            { class: 'comment comment--history', 'data-history': 'status' },
            el('div', { class: 'comment__meta' }, `${h.author ?? '—'} · ${fmtWhen(h.at)}`),
            el('div', { class: 'comment__body' }, t('history.status', { from: statusName(i.from ?? '—'), to: statusName(i.to ?? '—') })),
          ),
        })),
    ),
  ].sort((a, b) => a.at - b.at);
  const comments = el(
    'ol',
    { class: 'comments', 'data-testid': 'comments' },
    ...(entries.length === 0 ? [el('li', { class: 'empty' }, t('issue.noComments'))] : entries.map((e) => e.node)),
  );
  const textarea = el('textarea', { rows: '3', placeholder: t('comment.placeholder'), 'data-testid': 'comment-text' });
  const send = (internal: boolean) => () => {
    const body = textarea.value.trim();
    if (!body) {
      toast(t('comment.empty'), true);
      textarea.focus();
      return;
    }
    void action({ kind: 'comment', key: issue.key, body, internal }, 'commented');
  };
  const buttons: HTMLElement[] = [];
  if (role === 'customer') {
    const b = el('button', { type: 'button', class: 'btn btn--primary', 'data-testid': 'comment-send' }, t('comment.customer'));
    b.addEventListener('click', send(false));
    buttons.push(b);
  } else {
    const reply = el('button', { type: 'button', class: 'btn btn--primary', 'data-testid': 'comment-send' }, t('comment.reply'));
    reply.addEventListener('click', send(false));
    const internal = el('button', { type: 'button', class: 'btn', 'data-testid': 'comment-internal' }, t('comment.internal'));
    internal.addEventListener('click', send(true));
    buttons.push(reply, internal);
  }
  box.replaceChildren(
    el('div', { class: 'crumbs' }, `${issue.project.name} / `, el('span', { 'data-testid': 'issue-key' }, issue.key)),
    el('h1', { 'data-testid': 'issue-summary' }, issue.summary),
    transitions,
    el('h2', { class: 'section-title' }, t('issue.description')),
    el('div', { class: 'description' }, issue.description || '—'),
    el('h2', { class: 'section-title' }, t('issue.details')),
    el(
      'dl',
      { class: 'details' },
      el('dt', {}, t('issue.reporter')),
      el('dd', {}, issue.reporter.name ?? issue.reporter.accountId),
      el('dt', {}, t('issue.created')),
      el('dd', {}, fmtWhen(issue.created)),
      ...fieldRow('sla-service-package', 'package'),
      ...fieldRow('sla-priority', 'priority'),
      ...fieldRow('sla-reaction-due', null),
      ...fieldRow('sla-resolution-due', null),
    ),
    el('h2', { class: 'section-title' }, t('issue.comments')),
    comments,
    el('div', { class: 'comment-form' }, textarea, el('div', { class: 'row' }, ...buttons)),
  );
}

function openEditor(field: 'package' | 'priority'): void {
  const s = page.state!;
  const issue = s.issue!;
  const mod = s.modules.fieldEditors[field];
  const f = issue.fields[mod.key];
  const dialog = $('editor-dialog') as HTMLDialogElement;
  // A fresh frame each time: Jira mounts the edit experience anew for every edit.
  const old = [...frames.values()].find((x) => x.iframe.id === 'frame-editor');
  if (old) frames.delete(old.id);
  mountFrame(
    $('frame-editor') as HTMLIFrameElement,
    mod,
    {
      type: 'jira:customField',
      fieldId: mod.fieldId,
      fieldType: 'object',
      fieldValue: f?.value ?? null,
      renderContext: 'issue-view',
      experience: 'issue-view',
      issue: { id: issue.id, key: issue.key, type: 'Support request', typeId: '10100' },
      project: { id: issue.project.id, key: issue.project.key, type: 'service_desk' },
    },
    async (value) => {
      dialog.close();
      await action({ kind: 'setField', key: issue.key, field, value: (value ?? null) as string | { id: string; name?: string } | null });
    },
  );
  dialog.showModal();
}

/**
 * Jira sizes a field editor to its content; here the dialog follows the frame's document height
 * (same origin) up to most of the window, and Escape inside the frame closes it as outside does.
 */
export function fitEditor(): void {
  const iframe = $('frame-editor') as HTMLIFrameElement;
  const dialog = $('editor-dialog') as HTMLDialogElement;
  iframe.addEventListener('load', () => {
    const doc = iframe.contentDocument;
    if (!doc) return;
    doc.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') dialog.close();
    });
    const fit = (): void => {
      const h = Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
      iframe.style.height = `${Math.min(Math.max(h, 120), Math.floor(window.innerHeight * 0.85))}px`;
    };
    fit();
    if (doc.body) new ResizeObserver(fit).observe(doc.body);
  });
  // A click on the backdrop (outside the dialog box) cancels, as in Jira.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
}

/**
 * Jira sizes a Custom UI frame to its content; a fixed strip cut the context's clock list under the
 * badge. The context frame follows its content (capped at half the window, so the panel keeps its
 * room at 1400 px); the panel frame fills its column when the page is wide, and follows its content
 * when the column goes under the request (narrow page), where filling it left 0 px.
 */
export function fitFrames(): void {
  const narrow = window.matchMedia('(max-width: 1080px)');
  const fits: Array<() => void> = [];
  const follow = (id: string, height: (content: number) => string): void => {
    const iframe = $(id) as HTMLIFrameElement;
    iframe.addEventListener('load', () => {
      const doc = iframe.contentDocument;
      if (!doc?.body) return;
      // The body's own box, not the document's scroll height, which never shrinks below the frame.
      const fit = (): void => void (iframe.style.height = height(Math.ceil(doc.body.getBoundingClientRect().height)));
      fit();
      fits.push(fit);
      new ResizeObserver(fit).observe(doc.body);
    });
  };
  follow('frame-context', (h) => `${Math.min(Math.max(h, 34), Math.floor(window.innerHeight * 0.5))}px`);
  follow('frame-panel', (h) => (narrow.matches ? `${Math.max(h, 120)}px` : ''));
  narrow.addEventListener('change', () => fits.forEach((f) => f()));
}
