// Pieces every regulation template shares: canonical statuses, the acknowledgement text, text helpers.

import type { Acknowledgement, Channel, ChannelKind, ClockActions, LocalizedText, SlaActions, StatusRoles } from '../sla/types';

/** DOMAIN.md's canonical statuses; "In Progress" is an ordinary working status (no role). */
export const CANONICAL_STATUS_ROLES: StatusRoles = {
  initial: ['Open'],
  customerWait: ['Waiting for customer'],
  resolved: ['Resolved'],
  closed: ['Closed'],
};

export const t = (ru: string, en: string): LocalizedText => ({ ru, en });

const CHANNEL_NAMES: Record<ChannelKind, LocalizedText> = {
  email: t('Электронная почта', 'E-mail'),
  phone: t('Телефон', 'Phone'),
  freePhone: t('Бесплатная прямая линия 8-800', 'Free 8-800 line'),
  skype: t('Skype (в т. ч. голосовые звонки)', 'Skype (including voice calls)'),
  portal: t('Портал технической поддержки', 'Support portal'),
  form: t('Форма на сайте', 'Web form'),
  chat: t('Чат', 'Chat'),
  other: t('Другое', 'Other'),
};

export function channel(kind: ChannelKind, address: string, name: LocalizedText = CHANNEL_NAMES[kind]): Channel {
  return { kind, address, name };
}

/** The regulations promise a registration notice with the request's number (and, once classified, priority and due dates). */
export const ACKNOWLEDGEMENT: Acknowledgement = {
  enabled: true,
  text: t(
    'Ваше обращение зарегистрировано под номером {key}. Приоритет: {priority}. Срок реакции: {reactionDue}. Срок решения: {resolutionDue}.',
    'Your request is registered as {key}. Priority: {priority}. Reaction due: {reactionDue}. Resolution due: {resolutionDue}.',
  ),
};

const NONE: ClockActions = { atRisk: [], breached: [] };
/**
 * Breach: tell the assignee and the watchers, and label the request so a filter finds it. At risk
 * does nothing by default: the at-risk state is on the fields and the panel already, and a team
 * switches e-mails on where it wants them.
 */
const WATCHED: ClockActions = {
  atRisk: [],
  breached: [
    { kind: 'notify', to: { assignee: true, watchers: true, reporter: false } },
    { kind: 'label', label: 'sla-breached' },
  ],
};

/**
 * The templates' notifications (README "Notifications"): every clock the regulation has is
 * watched; the auto-close notice is on where the regulation auto-closes, `before` ahead of it.
 */
export function templateActions(opts: { reaction: boolean; resolution: boolean; autoCloseNoticeBefore: string | null }): SlaActions {
  const autoClose = opts.autoCloseNoticeBefore !== null;
  return {
    reaction: opts.reaction ? WATCHED : NONE,
    resolution: opts.resolution ? WATCHED : NONE,
    followUp: opts.reaction ? WATCHED : NONE,
    autoCloseNotice: { before: opts.autoCloseNoticeBefore, onClose: autoClose },
  };
}
