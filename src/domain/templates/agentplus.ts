// Agent Plus regulation (seed 000): four service packages, reaction goal by package, 11/5 calendar,
// auto-close after 14 calendar days (п. 4.10).

import { CALENDAR_PRESETS } from '../calendar';
import type { SlaConfig } from '../sla/types';
import { ACKNOWLEDGEMENT, CANONICAL_STATUS_ROLES, channel, t, templateActions } from './common';

export const AGENTPLUS_REGULATION = 'Регламент работы службы технической поддержки компании "Агент Плюс"';

const email = channel('email', 'support@agentplus.ru');
const phone = channel('phone', '+7 (495) 287-69-31');
const freePhone = channel('freePhone', '8-800 (номер сообщается после приобретения платного пакета)');

const mobileTrade = t('Агент Плюс: Мобильная торговля', 'Agent Plus: Mobile Trade');
const cabinetServices = t(
  'Сервисы, входящие в программный продукт «Агент Плюс: Личный кабинет»',
  'Services of the «Agent Plus: Personal Account» product',
);
const distribution = t('Агент Плюс: Управление дистрибуцией', 'Agent Plus: Distribution Management');
const platform = t('Платформа "Агент Плюс 2.0"', 'Agent Plus 2.0 platform');
const ams = t('АМС Агент+ версии 1.5', 'AMS Agent+ version 1.5');
const cabinet = t('Доступ к сервису «Агент Плюс: Личный кабинет»', 'Access to the «Agent Plus: Personal Account» service');

export const agentplus: SlaConfig = {
  schemaVersion: 2,
  name: t('Агент Плюс', 'Agent Plus'),
  template: 'agentplus',
  calendarId: 'agentplus',
  calendars: { agentplus: CALENDAR_PRESETS.agentplus },
  packages: [
    {
      id: 'basic',
      name: t('Базовый', 'Basic'),
      description: t('Бесплатный пакет, срок действия не ограничен', 'Free package with unlimited validity'),
      price: 0,
      validity: { kind: 'unlimited' },
      channels: [email, phone],
      products: [mobileTrade, cabinetServices, distribution],
      extras: [cabinet],
      skypeContacts: 0,
      calendarId: null,
    },
    {
      id: 'optimal',
      name: t('Оптимальный', 'Optimal'),
      description: t('Платный пакет на 12 месяцев', 'Paid package for 12 months'),
      price: 4500,
      validity: { kind: 'months', months: 12 },
      channels: [email, phone, freePhone, channel('skype', 'для 2-х контактов', t('Skype (в т. ч. голосовые звонки), для 2-х контактов', 'Skype (including voice calls), 2 contacts'))],
      products: [mobileTrade, cabinetServices, distribution, platform, ams],
      extras: [cabinet],
      skypeContacts: 2,
      calendarId: null,
    },
    {
      id: 'extended',
      name: t('Расширенный', 'Extended'),
      description: t(
        'Платный пакет на 12 месяцев; в тот же день, если обращение пришло не позднее 14:00 рабочего дня по Мск',
        'Paid package for 12 months; answered the same day when the request arrives by 14:00 Moscow time on a working day',
      ),
      price: 9000,
      validity: { kind: 'months', months: 12 },
      channels: [email, phone, freePhone, channel('skype', 'для 5-ти контактов', t('Skype (в т. ч. голосовые звонки), для 5-ти контактов', 'Skype (including voice calls), 5 contacts'))],
      products: [mobileTrade, cabinetServices, distribution, platform, ams],
      extras: [
        cabinet,
        t('Удаленная помощь', 'Remote help'),
        t('Персональный специалист поддержки (предоставляется по запросу)', 'Personal support specialist (on request)'),
        t('Отчеты по обращениям (предоставляются по запросу)', 'Reports on requests (on request)'),
      ],
      skypeContacts: 5,
      calendarId: null,
    },
    {
      id: 'partner',
      name: t('Партнерский', 'Partner'),
      description: t(
        'Пакет доступен только для официальных партнеров компании "Агент плюс"; действует, пока действует партнерский договор',
        'Only for official Agent Plus partners; valid while the partner contract lasts',
      ),
      price: 0,
      validity: { kind: 'contract' },
      channels: [email, phone],
      products: [mobileTrade, cabinetServices, distribution],
      extras: [cabinet],
      skypeContacts: 0,
      calendarId: null,
    },
  ],
  defaultPackage: 'basic',
  // "Приоритетность проблемы определяется в зависимости от уровня обслуживания" (п. 2.5): no priorities.
  priorities: [],
  defaultPriority: null,
  goalsBy: { reaction: 'package' },
  goals: { reaction: { basic: '2wd', optimal: '1wd', extended: '240m', partner: '2wd' } },
  atRiskThreshold: 0.25,
  statuses: CANONICAL_STATUS_ROLES,
  agentRule: { kind: 'notReporter' },
  autoClose: { period: '14d' },
  customers: [],
  acknowledgement: ACKNOWLEDGEMENT,
  actions: templateActions({ reaction: true, resolution: false, autoCloseNoticeBefore: '3d' }),
  minimumAnswerMinutes: null,
};
