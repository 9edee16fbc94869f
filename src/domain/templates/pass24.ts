// PASS24.online regulation (seed 002): three priority levels with resolution goals only; the two
// lower levels take the smaller of working hours and "5 календарных дней, не считая выходные".

import { CALENDAR_PRESETS } from '../calendar';
import type { SlaConfig } from '../sla/types';
import { ACKNOWLEDGEMENT, CANONICAL_STATUS_ROLES, channel, t, templateActions } from './common';

export const PASS24_REGULATION = 'Регламент работы технической поддержки PASS24.online';

const products = t(
  'PASS24.online (электронный журнал PASS24.online, СКУД PASS24.control, приложения PASS24.online и PASS24.Key)',
  'PASS24.online (PASS24.online e-journal, PASS24.control access control, PASS24.online and PASS24.Key apps)',
);

export const pass24: SlaConfig = {
  schemaVersion: 2,
  name: t('PASS24.online', 'PASS24.online'),
  template: 'pass24',
  calendarId: 'pass24',
  calendars: { pass24: CALENDAR_PRESETS.pass24 },
  packages: [
    {
      id: 'support',
      name: t('Техническая поддержка', 'Technical support'),
      description: t('Техническая поддержка осуществляется только для обновленных продуктов', 'Support covers updated products only'),
      price: null,
      validity: { kind: 'unlimited' },
      channels: [
        channel('email', 'support@pass24online.ru'),
        channel('form', 'https://b24-6s4knr.bitrix24.site', t('Открытая форма', 'Open web form')),
        channel('phone', '+7(495) 324-24-42'),
      ],
      products: [products],
      extras: [],
      skypeContacts: 0,
      calendarId: null,
    },
  ],
  defaultPackage: 'support',
  priorities: [
    {
      id: 'high',
      name: t('Экстренная поддержка (высокий приоритет)', 'Emergency support (high priority)'),
      definition: t(
        'Решаются вопросы экстренного характера: если в результате работы (но не по вине самого клиента) становится полностью невозможной работа системы автоматизации на базе продуктов компании. Если обнаружена критическая ошибка в работе продукта (и подтверждена сотрудниками техподдержки) - оказывается консультация по восстановлению нормальной работы системы.',
        'Emergencies: the automation system built on the company’s products cannot work at all (not through the customer’s fault). When a critical defect is found (and confirmed by support), advice on restoring normal operation is given.',
      ),
    },
    {
      id: 'normal',
      name: t('Стандартная поддержка (обычный приоритет)', 'Standard support (normal priority)'),
      definition: t(
        'Рассматриваются проблемы, возникшие при работе продуктов; Система работает частично либо с низкой производительностью; Общие вопросы установки и настройки продукта.',
        'Problems in running the products; the system works partially or with low performance; general installation and configuration questions.',
      ),
    },
    {
      id: 'low',
      name: t('Консультирование по общим вопросам (низкий приоритет)', 'General consulting (low priority)'),
      definition: t(
        'Приоритет поддержки присваивается обращению, если требует пояснения общих вопросов программирования или общих консультаций по вопросам продуктов компании.',
        'Assigned when the request needs general programming explanations or general advice on the company’s products.',
      ),
    },
  ],
  // New requests are standard until support classifies them.
  defaultPriority: 'normal',
  goalsBy: { resolution: 'priority' },
  goals: { resolution: { high: '4h', normal: '24h,5bd', low: '48h,5bd' } },
  atRiskThreshold: 0.25,
  statuses: CANONICAL_STATUS_ROLES,
  agentRule: { kind: 'notReporter' },
  autoClose: null,
  customers: [],
  acknowledgement: ACKNOWLEDGEMENT,
  actions: templateActions({ reaction: false, resolution: true, autoCloseNoticeBefore: null }),
  minimumAnswerMinutes: null,
};
