// Texts of the customer act tab (controls only; the act's own words are ACT_TEXT in src/domain/report/act.ts,
// shared with its CSV so the printed page and the file say the same).
import type { Locale } from '../../../src/shared/contract';
import type { Messages } from '../../shared/i18n';

const en = {
  'act.tab': 'Customer act',
  'act.month': 'Month',
  'act.customer': 'Customer',
  'act.project': 'Project',
  'act.allProjects': 'All projects',
  'act.show': 'Show',
  'act.print': 'Print or save as PDF',
  'act.csv': 'Download CSV',
  'act.loading': 'Preparing the act…',
  'act.failed': 'Could not prepare the act: {message}',
  'act.none': 'No customer has requests created in {month}.',
  'act.regulation': 'Under the regulation «{name}»',
  'act.zone': 'Times in {zone}',
  'act.signatures': 'Support team / Customer',
};

const ru: Messages<keyof typeof en> = {
  'act.tab': 'Акт для заказчика',
  'act.month': 'Месяц',
  'act.customer': 'Заказчик',
  'act.project': 'Проект',
  'act.allProjects': 'Все проекты',
  'act.show': 'Показать',
  'act.print': 'Печать или PDF',
  'act.csv': 'Скачать CSV',
  'act.loading': 'Готовим акт…',
  'act.failed': 'Не удалось подготовить акт: {message}',
  'act.none': 'В {month} нет обращений ни одного заказчика.',
  'act.regulation': 'По регламенту «{name}»',
  'act.zone': 'Время: {zone}',
  'act.signatures': 'Исполнитель / Заказчик',
};

export type ActKey = keyof typeof en;
export const ACT_MESSAGES: Readonly<Record<Locale, Messages<ActKey>>> = { en, ru };
