// AdvantShop regulation (seed 001): four service levels, reaction goal by level; support moves
// requests between levels (a package change). 08:00–20:00 weekdays, 09:00–18:00 weekends and holidays.

import { CALENDAR_PRESETS } from '../calendar';
import type { SlaConfig } from '../sla/types';
import { ACKNOWLEDGEMENT, CANONICAL_STATUS_ROLES, channel, t, templateActions } from './common';

export const ADVANTSHOP_REGULATION = 'Регламент работы службы технической поддержки ADVANTSHOP';

const form = channel('form', 'https://www.advantshop.net/support', t('Форма «Задать вопрос» на сайте', '"Ask a question" form on the website'));
const email = channel('email', 'support@advantshop.net');
const freePhone = channel('freePhone', '8 800 550 83 13', t('Телефон 8 800 (звонок по РФ бесплатный)', '8 800 phone (free within Russia)'));
const phone = channel('phone', '+7 (495) 278 09 63');
const product = t('AdvantShop.NET', 'AdvantShop.NET');
const channels = [form, email, freePhone, phone];

export const advantshop: SlaConfig = {
  schemaVersion: 2,
  name: t('ADVANTSHOP', 'ADVANTSHOP'),
  template: 'advantshop',
  calendarId: 'advantshop',
  calendars: { advantshop: CALENDAR_PRESETS.advantshop },
  packages: [
    {
      id: 'free',
      name: t('Бесплатная поддержка', 'Free support'),
      description: t(
        'Уровень поддержки устанавливается для пользователей актуальной версии продукта. Поддержка оказывается по вопросам общего использования продукта, не рассматриваются вопросы решения индивидуальных программных задач.',
        'For users of the current product version. Covers general use of the product; individual programming tasks are not handled.',
      ),
      price: 0,
      validity: { kind: 'unlimited' },
      channels,
      products: [product],
      extras: [],
      skypeContacts: 0,
      calendarId: null,
    },
    {
      id: 'partner',
      name: t('Поддержка для партнеров', 'Partner support'),
      description: t(
        'Рассматриваются вопросы эксплуатации продукта партнерами, общие вопросы разработки с использованием API, общие вопросы установки и настройки продукта на сервере, решаются вопросы экстренного характера, консультации по восстановлению проекта на хостинге, консультации по выявленным ошибкам программного продукта.',
        'Partners’ questions on running the product, general API development questions, installing and configuring the product on a server, emergencies, restoring a project on hosting, product defects found.',
      ),
      price: null,
      validity: { kind: 'contract' },
      channels,
      products: [product],
      extras: [],
      skypeContacts: 0,
      calendarId: null,
    },
    {
      id: 'development',
      name: t('Разработка', 'Development'),
      description: t(
        'Данный уровень поддержки присваивается в случае, если обращение переведено под контроль Отдела разработки.',
        'Assigned when the request is handed over to the development department.',
      ),
      price: null,
      validity: { kind: 'unlimited' },
      channels,
      products: [product],
      extras: [],
      skypeContacts: 0,
      calendarId: null,
    },
    {
      id: 'consulting',
      name: t('Консультирование по общим вопросам', 'General consulting'),
      description: t(
        'Уровень обслуживания присваивается обращению, если вопрос выходит за рамки технической поддержки, требует пояснения общих вопросов программирования или общих консультаций по вопросам создания и управления интернет-проектов на базе продукта «AdVantShop.NET».',
        'Assigned when the question is outside technical support, needs general programming explanations or general advice on building and running web projects on AdVantShop.NET.',
      ),
      price: null,
      validity: { kind: 'unlimited' },
      channels,
      products: [product],
      extras: [],
      skypeContacts: 0,
      calendarId: null,
    },
  ],
  defaultPackage: 'free',
  priorities: [],
  defaultPriority: null,
  goalsBy: { reaction: 'package' },
  goals: { reaction: { free: '24h', partner: '3h', development: '24wd', consulting: '40h' } },
  atRiskThreshold: 0.25,
  statuses: CANONICAL_STATUS_ROLES,
  agentRule: { kind: 'notReporter' },
  autoClose: null,
  customers: [],
  acknowledgement: ACKNOWLEDGEMENT,
  actions: templateActions({ reaction: true, resolution: false, autoCloseNoticeBefore: null }),
  minimumAnswerMinutes: null,
};
