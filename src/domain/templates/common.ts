// Pieces every regulation template shares: canonical statuses, the acknowledgement text, text helpers.

import type { Acknowledgement, Channel, ChannelKind, LocalizedText, StatusRoles } from '../sla/types';

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
