// Altec regulation (seed 003), option 8*5*4: processing (reaction) and execution (resolution)
// goals by priority 1–4, 09:00–18:00, auto-close after 14 calendar days (п. 9).

import { CALENDAR_PRESETS } from '../calendar';
import type { SlaConfig } from '../sla/types';
import { ACKNOWLEDGEMENT, CANONICAL_STATUS_ROLES, channel, t, templateActions } from './common';

export const ALTEC_REGULATION =
  'Порядок выполнения работ по оказанию услуги: Техническая поддержка программы Optima Win 8.X Favorite Exprof';

export const altec: SlaConfig = {
  schemaVersion: 2,
  name: t('Алтек: Optima Win 8.X Favorite Exprof', 'Altec: Optima Win 8.X Favorite Exprof'),
  template: 'altec',
  calendarId: 'altec',
  calendars: { altec: CALENDAR_PRESETS.altec },
  packages: [
    {
      id: '8x5x4',
      name: t('Опция 8*5*4', 'Option 8*5*4'),
      description: t(
        'Первая цифра указывает количество рабочих часов, доступных Пользователю для пользования услугами поддержки в течение рабочего дня, вторая цифра – количество рабочих дней, цены представлены в Прайс-листе. Прайс-лист предоставляется по запросу.',
        'The first figure is the working hours a day support is available, the second the working days a week; prices are in the price list, available on request.',
      ),
      price: null,
      validity: { kind: 'contract' },
      channels: [channel('phone', '(812) 320-08-88'), channel('email', 'support@altec.ru')],
      products: [t('Optima Win 8.X Favorite Exprof', 'Optima Win 8.X Favorite Exprof')],
      extras: [
        t(
          'Удаленная диагностика и устранение инцидентов в ПП (при наличии удаленного доступа к ПП, предоставленного Пользователем)',
          'Remote diagnostics and incident fixing (when the user provides remote access)',
        ),
        t('Предоставление обновлений версии программного обеспечения', 'Software version updates'),
        t('Добавление в базу данных систем фурнитуры по запросу Пользователя', 'Adding hardware systems to the database on request'),
        t('Составление технических заданий для индивидуальной настройки базы данных Пользователя', 'Specifications for custom database setup'),
        t('Льготные цены перехода на новые версии', 'Discounted upgrades to new versions'),
      ],
      skypeContacts: 0,
      calendarId: null,
    },
  ],
  defaultPackage: '8x5x4',
  priorities: [
    {
      id: '1',
      name: t('Приоритет 1', 'Priority 1'),
      definition: t(
        'ПП полностью неработоспособен. Сбой при запуске или зависание ПП. Большинство функций системы не выполняется, что существенно влияет на бизнес Пользователя.',
        'The software is completely inoperable: it crashes on start or hangs; most functions fail, which seriously affects the user’s business.',
      ),
    },
    {
      id: '2',
      name: t('Приоритет 2', 'Priority 2'),
      definition: t(
        'ПП функционирует частично либо с низкой производительностью, что влияет на бизнес Пользователя, при этом часть работ может выполняться.',
        'The software works partially or with low performance, which affects the user’s business, though some work can be done.',
      ),
    },
    {
      id: '3',
      name: t('Приоритет 3', 'Priority 3'),
      definition: t(
        'ПП функционирует, но встречаются некритичные проблемы или дефекты, или же некоторое снижение производительности.',
        'The software works, but there are non-critical problems or defects, or some loss of performance.',
      ),
    },
    {
      id: '4',
      name: t('Приоритет 4', 'Priority 4'),
      definition: t(
        'Услуги по установке и настройке ПП. Вопросы, возникающие при эксплуатации ПП, не оказывающие влияния на бизнес Пользователя. Консультации по изменению конфигурации ПП. Запросы на доработку ПП. Ошибки в документации.',
        'Installation and configuration services. Questions that do not affect the user’s business. Advice on changing the configuration. Change requests. Documentation errors.',
      ),
    },
  ],
  // The user states an expected priority; until the dispatcher classifies, a request counts as 3.
  defaultPriority: '3',
  goalsBy: { reaction: 'priority', resolution: 'priority' },
  goals: {
    reaction: { '1': '30m', '2': '30m', '3': '60m', '4': '60m' },
    resolution: { '1': '4h', '2': '2wd', '3': '4wd', '4': '9wd' },
  },
  atRiskThreshold: 0.25,
  statuses: CANONICAL_STATUS_ROLES,
  agentRule: { kind: 'notReporter' },
  autoClose: { period: '14d' },
  customers: [],
  acknowledgement: ACKNOWLEDGEMENT,
  actions: templateActions({ reaction: true, resolution: true, autoCloseNoticeBefore: '3d' }),
  minimumAnswerMinutes: null,
};
