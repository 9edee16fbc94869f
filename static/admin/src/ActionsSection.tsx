// Notifications and actions (issue 7): per clock and trigger, who Jira e-mails, which label is added
// and whether an internal note is written; the auto-close notices to the customer. Self-contained:
// its texts live here (ru/en, same keys) so the admin dictionary stays untouched.
import { useId } from 'react';
import type { ActionLogView } from '../../../src/shared/contract';
import type { ActionClock, ActionTrigger, SlaAction, SlaActions } from '../../../src/domain/sla/types';
import { templateActions } from '../../../src/domain/templates/common';
import { translator, type Messages } from '../../shared/i18n';
import { Message } from '../../shared/ui';
import { FieldIssues, Section, TextField, useAdmin } from './admin-context';
import { pathOf, type Draft } from './draft';

const en = {
  title: 'Notifications and actions',
  intro: 'What happens when a clock is at risk or breached. Each action runs once per clock cycle (each follow-up cycle is a new one), however often the check runs.',
  off: 'No notifications are configured (a configuration saved before they existed). Turn them on with the recommended settings or tick what you need below.',
  recommended: 'Use the recommended settings',
  clock: 'Clock',
  trigger: 'When',
  assignee: 'E-mail the assignee',
  watchers: 'E-mail the watchers',
  reporter: 'E-mail the reporter',
  label: 'Add label',
  comment: 'Internal note',
  'clock.reaction': 'Reaction',
  'clock.resolution': 'Resolution',
  'clock.followUp': 'Follow-up reaction',
  'trigger.atRisk': 'At risk',
  'trigger.breached': 'Breached',
  cell: '{what}: {clock}, {trigger}',
  noGoal: 'no goal configured',
  labelHint: 'One word, e.g. sla-breached; empty = no label',
  notice: 'Auto-close notices to the customer',
  noticeOff: 'Auto-close is off, so there is nothing to announce.',
  before: 'Warn before the request closes',
  beforePeriod: 'How long before',
  beforeHint: 'A plain period shorter than the auto-close period: 24h, 3d, 90m',
  onClose: 'Tell the customer when the request has closed',
  noticeLang: 'Notices are public comments in the customer\'s language; e-mails and notes are in the assignee\'s language (Russian when unknown).',
  commentWhere: 'Internal notes are written only in Jira Service Management projects; in other projects the note is skipped, because there a comment is public and e-mailed to the reporter.',
  notifyUnassigned: 'An e-mail to the assignee only is skipped while the request is unassigned (Jira refuses it) and sent once it has an assignee.',
  log: 'Actions Jira refused',
  logIntro: 'Jira refused these for good (for example, Labels is not on the edit screen); they are not retried. Fix the cause in Jira, or change the action.',
  logWhen: 'When',
  logIssue: 'Request',
  logAction: 'Action',
  logAnswer: 'Jira\'s answer',
} as const;
type Key = keyof typeof en;
const ru: Messages<Key> = {
  title: 'Уведомления и действия',
  intro: 'Что происходит, когда срок под угрозой или нарушен. Каждое действие выполняется один раз за цикл часов (каждый цикл реакции на дополнительную информацию — новый), сколько бы раз ни шла проверка.',
  off: 'Уведомления не настроены (конфигурация сохранена до их появления). Включите рекомендуемые настройки или отметьте нужное ниже.',
  recommended: 'Рекомендуемые настройки',
  clock: 'Часы',
  trigger: 'Когда',
  assignee: 'Письмо исполнителю',
  watchers: 'Письмо наблюдателям',
  reporter: 'Письмо автору',
  label: 'Добавить метку',
  comment: 'Внутренняя заметка',
  'clock.reaction': 'Реакция',
  'clock.resolution': 'Решение',
  'clock.followUp': 'Реакция на доп. информацию',
  'trigger.atRisk': 'Под угрозой',
  'trigger.breached': 'Нарушен',
  cell: '{what}: {clock}, {trigger}',
  noGoal: 'цель не задана',
  labelHint: 'Одно слово, например sla-breached; пусто — без метки',
  notice: 'Уведомления клиенту об автоматическом закрытии',
  noticeOff: 'Автоматическое закрытие выключено — сообщать не о чем.',
  before: 'Предупредить до закрытия',
  beforePeriod: 'За сколько',
  beforeHint: 'Период короче периода автозакрытия: 24h, 3d, 90m',
  onClose: 'Сообщить клиенту, когда обращение закрыто',
  noticeLang: 'Уведомления — публичные комментарии на языке клиента; письма и заметки — на языке исполнителя (русский, если он неизвестен).',
  commentWhere: 'Внутренние заметки пишутся только в проектах Jira Service Management; в остальных проектах заметка пропускается: там комментарий публичный и уходит письмом автору.',
  notifyUnassigned: 'Письмо только исполнителю не отправляется, пока у обращения нет исполнителя (Jira его отклоняет), и уходит, когда исполнитель появится.',
  log: 'Действия, отклонённые Jira',
  logIntro: 'Jira отклонила их окончательно (например, поля «Метки» нет на экране редактирования); повторных попыток не будет. Устраните причину в Jira или измените действие.',
  logWhen: 'Когда',
  logIssue: 'Обращение',
  logAction: 'Действие',
  logAnswer: 'Ответ Jira',
};

const CLOCKS: readonly ActionClock[] = ['reaction', 'resolution', 'followUp'];
const TRIGGERS: readonly ActionTrigger[] = ['atRisk', 'breached'];
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type DraftActions = NonNullable<Draft['actions']>;

interface Row {
  assignee: boolean;
  watchers: boolean;
  reporter: boolean;
  label: string;
  comment: boolean;
}

function rowOf(list: readonly SlaAction[]): Row {
  const notify = list.find((a): a is Extract<SlaAction, { kind: 'notify' }> => a.kind === 'notify');
  const label = list.find((a): a is Extract<SlaAction, { kind: 'label' }> => a.kind === 'label');
  return {
    assignee: notify?.to.assignee ?? false,
    watchers: notify?.to.watchers ?? false,
    reporter: notify?.to.reporter ?? false,
    label: label?.label ?? '',
    comment: list.some((a) => a.kind === 'comment'),
  };
}

/** Back to the stored list, in a fixed order: notify, label, comment. */
function listOf(row: Row): Array<Mutable<SlaAction>> {
  const out: Array<Mutable<SlaAction>> = [];
  if (row.assignee || row.watchers || row.reporter) out.push({ kind: 'notify', to: { assignee: row.assignee, watchers: row.watchers, reporter: row.reporter } });
  if (row.label.trim() !== '') out.push({ kind: 'label', label: row.label.trim() });
  if (row.comment) out.push({ kind: 'comment' });
  return out;
}

const EMPTY: SlaActions = templateActions({ reaction: false, resolution: false, autoCloseNoticeBefore: null });

function actionsOf(d: Draft): DraftActions {
  d.actions ??= structuredClone(EMPTY) as DraftActions;
  return d.actions;
}

export function ActionsSection({ log = [] }: { log?: readonly ActionLogView[] }) {
  const { draft, update, lang, locale, timeZone } = useAdmin();
  const t = translator({ en, ru }, lang);
  const beforeId = useId();
  const actions: SlaActions = draft.actions ?? EMPTY;
  const hasGoal = (clock: ActionClock) => draft.goals[clock === 'followUp' ? 'reaction' : clock] !== undefined;
  const setRow = (clock: ActionClock, trigger: ActionTrigger, change: (r: Row) => void) =>
    update((d) => {
      const a = actionsOf(d);
      const row = rowOf(a[clock][trigger]);
      change(row);
      a[clock][trigger] = listOf(row);
    });
  const recommended = () =>
    update((d) => {
      d.actions = structuredClone(templateActions({ reaction: d.goals.reaction !== undefined, resolution: d.goals.resolution !== undefined, autoCloseNoticeBefore: d.autoClose ? '24h' : null })) as DraftActions;
      // A 24h warning only fits an auto-close period longer than a day.
      if (d.autoClose && /^\s*(\d+)\s*h\s*$/.test(d.autoClose.period) && Number(/\d+/.exec(d.autoClose.period)![0]) <= 24) d.actions.autoCloseNotice.before = null;
    });
  const notice = actions.autoCloseNotice;
  return (
    <Section id="actions" title={t('title')} intro={t('intro')}>
      {draft.actions === undefined ? (
        <Message>
          <p>{t('off')}</p>
          <button type="button" className="button" onClick={recommended}>{t('recommended')}</button>
        </Message>
      ) : (
        <button type="button" className="button button--subtle" onClick={recommended}>{t('recommended')}</button>
      )}
      <table className="table" data-testid="actions-table">
        <caption className="visually-hidden">{t('title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clock')}</th>
            <th scope="col">{t('trigger')}</th>
            <th scope="col">{t('assignee')}</th>
            <th scope="col">{t('watchers')}</th>
            <th scope="col">{t('reporter')}</th>
            <th scope="col">{t('label')}</th>
            <th scope="col">{t('comment')}</th>
          </tr>
        </thead>
        <tbody>
          {CLOCKS.flatMap((clock) =>
            TRIGGERS.map((trigger) => {
              const row = rowOf(actions[clock][trigger]);
              const enabled = hasGoal(clock);
              const names = { clock: t(`clock.${clock}`), trigger: t(`trigger.${trigger}`) };
              const box = (what: 'assignee' | 'watchers' | 'reporter' | 'comment') => (
                <td>
                  <input type="checkbox" disabled={!enabled && !row[what]} checked={row[what]} aria-label={t('cell', { what: t(what), ...names })}
                    onChange={(e) => setRow(clock, trigger, (r) => { r[what] = e.target.checked; })} />
                </td>
              );
              return (
                <tr key={`${clock}-${trigger}`} data-clock={clock} data-trigger={trigger}>
                  <th scope="row">{trigger === 'atRisk' ? names.clock : <span className="visually-hidden">{names.clock}</span>}{!enabled && trigger === 'atRisk' ? <span className="hint"> ({t('noGoal')})</span> : null}</th>
                  <td>
                    {names.trigger}
                    <FieldIssues path={pathOf('actions', clock, trigger)} within />
                  </td>
                  {box('assignee')}
                  {box('watchers')}
                  {box('reporter')}
                  <td>
                    <TextField hideLabel width="s" label={t('cell', { what: t('label'), ...names })} value={row.label}
                      onChange={(v) => setRow(clock, trigger, (r) => { r.label = v; })} />
                  </td>
                  {box('comment')}
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
      <p className="hint">{t('labelHint')}</p>
      <p className="hint" data-testid="actions-comment-where">{t('commentWhere')}</p>
      <p className="hint">{t('notifyUnassigned')}</p>
      <fieldset className="card">
        <legend>{t('notice')}</legend>
        {draft.autoClose === null ? <p className="subtle">{t('noticeOff')}</p> : null}
        <FieldIssues path={pathOf('actions', 'autoCloseNotice')} />
        <div className="row">
          <label className="checkbox">
            <input type="checkbox" id={beforeId} checked={notice.before !== null} disabled={draft.autoClose === null && notice.before === null}
              onChange={(e) => update((d) => { actionsOf(d).autoCloseNotice.before = e.target.checked ? '24h' : null; })} />
            {t('before')}
          </label>
          {notice.before !== null ? (
            <TextField width="s" label={t('beforePeriod')} value={notice.before} path={pathOf('actions', 'autoCloseNotice', 'before')} hint={t('beforeHint')}
              onChange={(v) => update((d) => { actionsOf(d).autoCloseNotice.before = v; })} />
          ) : null}
          <label className="checkbox">
            <input type="checkbox" checked={notice.onClose} disabled={draft.autoClose === null && !notice.onClose}
              onChange={(e) => update((d) => { actionsOf(d).autoCloseNotice.onClose = e.target.checked; })} />
            {t('onClose')}
          </label>
        </div>
        <p className="hint">{t('noticeLang')}</p>
      </fieldset>
      {log.length > 0 ? (
        <fieldset className="card" data-testid="action-log">
          <legend>{t('log')}</legend>
          <p className="hint">{t('logIntro')}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('logWhen')}</th>
                <th scope="col">{t('logIssue')}</th>
                <th scope="col">{t('logAction')}</th>
                <th scope="col">{t('logAnswer')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((e) => (
                <tr key={`${e.issueKey}-${e.action}`}>
                  <td>{new Date(e.at).toLocaleString(locale, { timeZone })}</td>
                  <td>{e.issueKey}</td>
                  <td><code>{e.action}</code></td>
                  <td>{e.status}: {e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
      ) : null}
    </Section>
  );
}
