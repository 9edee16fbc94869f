// The Automation actions' configuration form, pure part: which inputs each action declares (the
// manifest's `inputs`; Automation rejects a configuration with any other field), the form's values
// as the inputs object Automation stores (view.submit), and what is wrong with them. No DOM, no bridge.
import type { Locale } from '../../../src/shared/contract';
import type { Messages } from '../../shared/i18n';

export type ActionKey = 'recompute-sla' | 'set-service-package' | 'set-sla-priority' | 'agree-deadline';
export type InputName = 'issueKey' | 'package' | 'priority' | 'clock' | 'due' | 'extend' | 'reason';

/** Every action's declared inputs, in form order (test/unit/static/automation.test.ts compares them with manifest.yml). */
export const ACTION_INPUTS: Readonly<Record<ActionKey, readonly InputName[]>> = {
  'recompute-sla': ['issueKey'],
  'set-service-package': ['issueKey', 'package'],
  'set-sla-priority': ['issueKey', 'priority'],
  'agree-deadline': ['issueKey', 'clock', 'due', 'extend', 'reason'],
};

export const isActionKey = (k: string): k is ActionKey => Object.hasOwn(ACTION_INPUTS, k);

export type Values = Partial<Record<InputName, string>>;
/** For agree-deadline: which of due / extend the rule gives. */
export type AgreeMode = 'extend' | 'due';

const SMART = /\{\{[^}]+\}\}/;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$|^\d+$/;
const EXTEND = /^(\d+h)?(\d+m)?$/;
const DUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
export const REASON_MAX = 500;

/** The form's starting values: the stored inputs, else what a rule usually holds ({{issue.key}}). */
export function initialValues(action: ActionKey, stored: unknown): { values: Values; mode: AgreeMode } {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const values: Values = {};
  for (const name of ACTION_INPUTS[action]) {
    const v = s[name];
    values[name] = typeof v === 'string' ? v : name === 'issueKey' ? '{{issue.key}}' : name === 'clock' ? 'resolution' : '';
  }
  return { values, mode: (values.due ?? '').trim() !== '' && (values.extend ?? '').trim() === '' ? 'due' : 'extend' };
}

/** The inputs object Automation stores: every declared input (trimmed strings), the unused one of due/extend empty. */
export function toInputs(action: ActionKey, values: Values, mode: AgreeMode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ACTION_INPUTS[action]) out[name] = (values[name] ?? '').trim();
  if (action === 'agree-deadline') {
    if (mode === 'extend') out.due = '';
    else out.extend = '';
  }
  return out;
}

/** Problems per input (message keys); smart values are accepted as they are (Automation renders them at run time). */
export function problems(action: ActionKey, inputs: Record<string, string>, mode: AgreeMode = 'extend'): Partial<Record<InputName, FormKey>> {
  const out: Partial<Record<InputName, FormKey>> = {};
  const v = (n: InputName) => inputs[n] ?? '';
  const smart = (n: InputName) => SMART.test(v(n));
  if (v('issueKey') === '') out.issueKey = 'error.required';
  else if (!smart('issueKey') && !ISSUE_KEY.test(v('issueKey'))) out.issueKey = 'error.issueKey';
  if (action === 'set-service-package' && v('package') === '') out.package = 'error.required';
  if (action === 'set-sla-priority' && v('priority') === '') out.priority = 'error.required';
  if (action === 'agree-deadline') {
    if (!smart('clock') && v('clock') !== 'reaction' && v('clock') !== 'resolution') out.clock = 'error.clock';
    if (v('due') === '' && v('extend') === '') out[mode] = 'error.required';
    if (v('due') !== '' && !smart('due') && !DUE.test(v('due'))) out.due = 'error.due';
    if (v('extend') !== '' && !smart('extend') && !EXTEND.test(v('extend'))) out.extend = 'error.extend';
    if (v('reason') === '') out.reason = 'error.required';
    else if (v('reason').length > REASON_MAX) out.reason = 'error.reasonLong';
  }
  return out;
}

const en = {
  'input.issueKey': 'Issue',
  'input.issueKey.help': 'Usually the smart value {{issue.key}}.',
  'input.package': 'Service package',
  'input.package.help': 'Its id or name as the SLA configuration defines it.',
  'input.priority': 'SLA priority',
  'input.priority.help': 'Its id or name as the SLA configuration defines it.',
  'input.clock': 'Clock',
  'clock.reaction': 'Reaction',
  'clock.resolution': 'Resolution',
  'input.mode': 'How the deadline changes',
  'mode.extend': 'Extend by working time',
  'mode.due': 'Agree a due date and time',
  'input.extend': 'Extension (working time)',
  'input.extend.help': 'Like 4h, 30m or 1h30m; counted in the team’s working hours.',
  'input.due': 'Agreed due',
  'input.due.help': 'Date and time with the offset, e.g. 2026-03-06T18:00:00+03:00, or a smart value.',
  'input.reason': 'Reason',
  'input.reason.help': 'Kept with the agreement and in the issue’s internal note.',
  'error.required': 'Fill this in.',
  'error.issueKey': 'Enter an issue key such as SUP-12 or {{issue.key}}.',
  'error.clock': 'Choose reaction or resolution.',
  'error.due': 'Enter a date and time with its offset, e.g. 2026-03-06T18:00:00+03:00.',
  'error.extend': 'Write working time like 4h, 30m or 1h30m.',
  'error.reasonLong': 'At most 500 characters.',
  'unknown': 'This action has no settings form.',
} as const;
export type FormKey = keyof typeof en;

const ru: Messages<FormKey> = {
  'input.issueKey': 'Заявка',
  'input.issueKey.help': 'Обычно смарт-значение {{issue.key}}.',
  'input.package': 'Пакет обслуживания',
  'input.package.help': 'Идентификатор или название из настройки SLA.',
  'input.priority': 'Приоритет SLA',
  'input.priority.help': 'Идентификатор или название из настройки SLA.',
  'input.clock': 'Счётчик',
  'clock.reaction': 'Реакция',
  'clock.resolution': 'Решение',
  'input.mode': 'Как меняется срок',
  'mode.extend': 'Продлить на рабочее время',
  'mode.due': 'Согласовать дату и время',
  'input.extend': 'Продление (рабочее время)',
  'input.extend.help': 'Например 4h, 30m или 1h30m; считается в рабочих часах команды.',
  'input.due': 'Согласованный срок',
  'input.due.help': 'Дата и время со смещением, например 2026-03-06T18:00:00+03:00, или смарт-значение.',
  'input.reason': 'Причина',
  'input.reason.help': 'Сохраняется вместе с согласованием и во внутреннем комментарии заявки.',
  'error.required': 'Заполните поле.',
  'error.issueKey': 'Введите ключ заявки, например SUP-12, или {{issue.key}}.',
  'error.clock': 'Выберите реакцию или решение.',
  'error.due': 'Введите дату и время со смещением, например 2026-03-06T18:00:00+03:00.',
  'error.extend': 'Запишите рабочее время как 4h, 30m или 1h30m.',
  'error.reasonLong': 'Не более 500 символов.',
  'unknown': 'У этого действия нет формы настройки.',
};

export const FORM_MESSAGES: Readonly<Record<Locale, Messages<FormKey>>> = { en, ru };
