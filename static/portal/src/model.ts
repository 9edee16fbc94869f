// The customer portal view's words (ru/en): what each clock means to a customer and why it waits.
import type { CustomerSlaView, Locale } from '../../../src/shared/contract';
import type { Messages } from '../../shared/i18n';

const en = {
  'heading': 'Service level',
  'package': 'Your service package: {name}',
  'zone': 'Times are in the support team’s working hours ({zone}).',
  'clock.reaction': 'First reply',
  'clock.resolution': 'Resolution',
  'clock.followUp': 'Reply to your message',
  'state.running': 'by {due}',
  'state.overdue': 'was due {due}',
  'state.met': 'done in time',
  'state.paused': 'paused',
  'paused.waitingForYou': 'waiting for your reply',
  'paused.outsideWorkingHours': 'outside working hours, resumes {at}',
  'none': 'No service level applies to this request.',
  'error': 'Service level information is unavailable: {message}',
  'loading': 'Loading…',
} as const;
export type PortalKey = keyof typeof en;

const ru: Messages<PortalKey> = {
  'heading': 'Сроки обслуживания',
  'package': 'Ваш пакет обслуживания: {name}',
  'zone': 'Время указано по рабочему времени службы поддержки ({zone}).',
  'clock.reaction': 'Первый ответ',
  'clock.resolution': 'Решение',
  'clock.followUp': 'Ответ на ваше сообщение',
  'state.running': 'до {due}',
  'state.overdue': 'срок был {due}',
  'state.met': 'выполнено в срок',
  'state.paused': 'приостановлено',
  'paused.waitingForYou': 'ждём вашего ответа',
  'paused.outsideWorkingHours': 'нерабочее время, продолжится {at}',
  'none': 'Для этого обращения сроки обслуживания не заданы.',
  'error': 'Сведения о сроках недоступны: {message}',
  'loading': 'Загрузка…',
};

export const PORTAL_MESSAGES: Readonly<Record<Locale, Messages<PortalKey>>> = { en, ru };

/** One line per clock, in the customer's words. */
export function clockLine(c: CustomerSlaView['clocks'][number], t: (k: PortalKey, v?: Record<string, string>) => string): string {
  const name = t(`clock.${c.kind}`);
  if (c.state === 'met') return `${name}: ${t('state.met')}`;
  if (c.state === 'paused') {
    const why = c.pausedBecause === 'waitingForYou' ? t('paused.waitingForYou') : t('paused.outsideWorkingHours', { at: c.resumesText ?? '—' });
    return `${name}: ${t('state.paused')} — ${why}`;
  }
  const due = t(c.state === 'overdue' ? 'state.overdue' : 'state.running', { due: c.dueText ?? '—' });
  const why = c.pausedBecause === 'outsideWorkingHours' ? ` (${t('paused.outsideWorkingHours', { at: c.resumesText ?? '—' })})` : '';
  return `${name}: ${due}${why}`;
}
