// Barier regulation (seed 004): processing within 3 working hours for every priority, resolution
// by priority 1–4, minimum accounted time 30 minutes per answer, auto-close after 24 hours (п. 4.9).

import { CALENDAR_PRESETS } from '../calendar';
import type { SlaConfig } from '../sla/types';
import { ACKNOWLEDGEMENT, CANONICAL_STATUS_ROLES, channel, t, templateActions } from './common';

export const BARIER_REGULATION = 'Регламент оказания технической поддержки';

export const barier: SlaConfig = {
  schemaVersion: 2,
  name: t('Барьер', 'Barier'),
  template: 'barier',
  calendarId: 'barier',
  calendars: { barier: CALENDAR_PRESETS.barier },
  packages: [
    {
      id: 'contract',
      name: t('Техническая поддержка', 'Technical support'),
      description: t(
        'Техническая поддержка Продукции доступна Заказчикам, в соответствии с Контрактом (Договором) на техническую поддержку Продукции.',
        'Product support is available to customers under their support contract.',
      ),
      price: null,
      validity: { kind: 'contract' },
      channels: [
        channel('portal', 'barier.pro/support/', t('Специализированный портал', 'Support portal')),
        channel('email', 'support@barier.pro'),
        channel('phone', '+7 (473) 202-24-64', t('Телефон центра технической поддержки', 'Support centre phone')),
      ],
      products: [
        t(
          'Продукция (прикладное программное обеспечение, программно-аппаратный комплект), перечисленная в Контракте (Договоре)',
          'Products (application software, hardware-software kits) listed in the contract',
        ),
      ],
      extras: [t('Удаленный доступ к рабочему месту участника', 'Remote access to the participant’s workstation')],
      skypeContacts: 0,
      calendarId: null,
    },
  ],
  defaultPackage: 'contract',
  priorities: [
    {
      id: '1',
      name: t('Приоритет 1', 'Priority 1'),
      definition: t(
        'Аварийная ситуация, при которой Продукция полностью неработоспособна. Сбой при запуске или зависание Продукции. Большинство функций Продукций не выполняется.',
        'Emergency: the product is completely inoperable; it crashes on start or hangs; most functions fail.',
      ),
    },
    {
      id: '2',
      name: t('Приоритет 2', 'Priority 2'),
      definition: t(
        'Аварийная ситуация при которой Продукция функционирует частично, либо с низкой производительностью.',
        'Emergency: the product works partially or with low performance.',
      ),
    },
    {
      id: '3',
      name: t('Приоритет 3', 'Priority 3'),
      definition: t('Продукция функционирует, требуется Техническая консультация.', 'The product works; a technical consultation is needed.'),
    },
    {
      id: '4',
      name: t('Приоритет 4', 'Priority 4'),
      definition: t(
        'Продукция функционирует, требуется расширение функционала или доработка Продукции.',
        'The product works; an extension or change of the product is needed.',
      ),
    },
  ],
  // Priority is assigned at registration (п. 6.1); before that a request counts as a consultation.
  defaultPriority: '3',
  goalsBy: { reaction: 'priority', resolution: 'priority' },
  goals: {
    reaction: { '1': '3h', '2': '3h', '3': '3h', '4': '3h' },
    resolution: { '1': '4h', '2': '8h', '3': '5wd', '4': '10wd' },
  },
  atRiskThreshold: 0.25,
  statuses: CANONICAL_STATUS_ROLES,
  agentRule: { kind: 'notReporter' },
  autoClose: { period: '24h' },
  customers: [],
  acknowledgement: ACKNOWLEDGEMENT,
  actions: templateActions({ reaction: true, resolution: true, autoCloseNoticeBefore: '4h' }),
  minimumAnswerMinutes: 30,
};
