// Message dictionaries and the tiny translator the apps share. Each app keeps its own dictionary
// pair (this file: panel, badge and field editors; admin/src/messages.ts: the admin page); the
// Russian one is typed by the English keys so a missing translation does not compile, and a unit
// test checks that both sides use the same placeholders.
import type { Locale } from '../../src/shared/contract';

export type Vars = Readonly<Record<string, string | number>>;
export type Messages<K extends string> = { readonly [P in K]: string };
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

/** The `{name}` placeholders a message uses, sorted. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translator<K extends string>(dicts: Readonly<Record<Locale, Messages<K>>>, lang: Locale): Translate<K> {
  const dict = dicts[lang];
  return (key, vars) => interpolate(dict[key], vars);
}

const en = {
  'panel.heading': 'SLA',
  'panel.calendar': 'Working hours: {name}, {zone}',
  'clock.reaction': 'Reaction',
  'clock.resolution': 'Resolution',
  'clock.followUp': 'Follow-up',
  'clock.followUpCycle': 'Follow-up ({index} of {count})',
  'state.running': 'On track',
  'state.atRisk': 'At risk',
  'state.paused': 'Paused',
  'state.met': 'Met',
  'state.breached': 'Breached',
  'countdown.left': '{duration} of working time left',
  'countdown.overdue': 'overdue by {duration} of working time',
  'countdown.met': 'met in {duration} of working time (goal {goal})',
  'countdown.breachedStopped': 'took {duration} of working time (goal {goal})',
  'countdown.goal': 'goal {goal}',
  'pause.outside': 'paused: outside working hours, resumes {when}',
  'pause.outsideUnknown': 'paused: outside working hours',
  'pause.customerWait': 'paused: waiting for the customer, {left} of working time left',
  'pause.customerWaitSince': 'paused since {when} while the request waits for the customer',
  'due.at': 'due {when}',
  'due.was': 'was due {when}',
  'due.stoppedAt': 'stopped {when}',
  'agreement.moved': 'agreed: due moved from {from} to {to}',
  'agreement.goal': 'agreed: goal {from} → {to}',
  'agreement.by': '{reason} — {who}, {when}',
  'agreement.metAsAgreed': 'met as agreed (not within the regulation goal)',
  'agree.open': 'Agree a deadline',
  'agree.title': 'Agree a deadline with the customer',
  'agree.clock': 'Clock',
  'agree.mode': 'How',
  'agree.extend': 'Extend by working time',
  'agree.due': 'Agreed due',
  'agree.extendLabel': 'Working time, e.g. 4h or 1h30m',
  'agree.dueLabel': 'Date and time',
  'agree.reason': 'Reason',
  'agree.save': 'Save',
  'agree.cancel': 'Cancel',
  'agree.saving': 'Saving…',
  'agree.failed': 'Not saved: {message}',
  'progress.label': '{clock}: {percent}% of the goal used',
  'package.title': 'Service package',
  'package.channels': 'Channels',
  'package.extras': 'Includes',
  'package.validFrom': 'valid from {date}',
  'package.validUntil': 'valid until {date}',
  'package.validity': 'valid {from} – {to}',
  'package.unlimited': 'no end date',
  'package.expired': 'Expired',
  'package.expiredOn': 'expired on {date}',
  'package.fallback': "The customer's own package is missing or expired, so the default package applies.",
  'package.byDefault': 'Applies by default: the Service package field is not set.',
  'package.byCustomer': "Applies from the customer's assignment: the Service package field is not set.",
  'priority.byDefault': 'Applies by default: the SLA priority field is not set.',
  'package.lapsedExpired': '“{name}” expired on {date} — “{current}” applies',
  'package.lapsedNotStarted': '“{name}” starts on {date} — “{current}” applies until then',
  'package.none': 'No service package is set on this request.',
  'priority.title': 'SLA priority',
  'priority.none': 'No SLA priority is set on this request yet.',
  'autoClose.at': 'Closes automatically {when} unless the customer replies.',
  'history.title': 'History',
  'history.showAll': 'Show all {count} events',
  'history.showLess': 'Show fewer events',
  'history.clock.reaction': 'Reaction',
  'history.clock.resolution': 'Resolution',
  'history.clock.followUp': 'Follow-up',
  'history.clock.update': 'Customer update',
  'history.clock.autoClose': 'Auto-close',
  'history.clock.request': 'Request',
  'history.what.started': 'started',
  'history.what.paused': 'paused',
  'history.what.resumed': 'resumed',
  'history.what.stopped': 'stopped',
  'history.what.met': 'met',
  'history.what.breached': 'breached',
  'history.what.goalChanged': 'goal changed',
  'history.what.resolved': 'resolved',
  'history.what.reopened': 'reopened',
  'history.what.closed': 'closed',
  'history.what.scheduled': 'scheduled',
  'history.what.cancelled': 'cancelled',
  'history.what.agreed': 'deadline agreed',
  'history.detail.agentComment': 'agent comment',
  'history.detail.customerComment': 'customer comment',
  'history.detail.prioritySet': 'priority set',
  'history.detail.status': 'status {status}',
  'history.detail.cycle': 'cycle {n}',
  'warnings.title': 'Warnings',
  'status.loading': 'Loading the SLA…',
  'status.notConfigured': 'SLA is not configured yet. A Jira administrator can set it up on the SLA configuration page (Apps → Reglament).',
  'status.unlicensed': "The app's licence for this site is not active, so SLA clocks are not shown. Ask a Jira administrator to check Reglament under Manage apps.",
  'status.forbidden': "You don't have permission to see the SLA of this request.",
  'status.notFound': 'This request was not found. It may have been deleted or moved.',
  'status.upstream': 'Could not load the SLA: Jira is busy or did not answer in time. Try again in a minute.',
  'status.host': 'Could not load the SLA: Jira did not give this page its context. Reload the page.',
  'status.failed': 'Could not load the SLA because of an error in the app. Try again; if it keeps happening, tell a Jira administrator.',
  'status.retry': 'Try again',
  'status.noClocks': 'No SLA goals apply to this request with its current package and priority.',
  'status.beyond': 'Updating the countdown…',
  'badge.none': 'No SLA',
  'badge.error': 'SLA: error',
  'badge.met': 'All met',
  'badge.paused': 'Paused',
  'badge.overdue': '−{duration}',
  'badge.label': '{clock}: {text}',
  'field.package.legend': 'Service package',
  'field.priority.legend': 'SLA priority',
  'field.none': 'Not set',
  'field.save': 'Save',
  'field.cancel': 'Cancel',
  'field.saving': 'Saving…',
  'field.empty': 'No options are configured yet. A Jira administrator sets them up on the SLA configuration page.',
  'field.current': 'current',
} as const;

export type PanelKey = keyof typeof en;

const ru: Messages<PanelKey> = {
  'panel.heading': 'SLA',
  'panel.calendar': 'Режим работы: {name}, {zone}',
  'clock.reaction': 'Реакция',
  'clock.resolution': 'Решение',
  'clock.followUp': 'Ответ на уточнение',
  'clock.followUpCycle': 'Ответ на уточнение ({index} из {count})',
  'state.running': 'В срок',
  'state.atRisk': 'Под угрозой',
  'state.paused': 'Пауза',
  'state.met': 'Выполнено',
  'state.breached': 'Нарушено',
  'countdown.left': 'осталось {duration} рабочего времени',
  'countdown.overdue': 'просрочено на {duration} рабочего времени',
  'countdown.met': 'выполнено за {duration} рабочего времени (норматив {goal})',
  'countdown.breachedStopped': 'заняло {duration} рабочего времени (норматив {goal})',
  'countdown.goal': 'норматив {goal}',
  'pause.outside': 'пауза: нерабочее время, возобновится {when}',
  'pause.outsideUnknown': 'пауза: нерабочее время',
  'pause.customerWait': 'пауза: ожидание ответа клиента, осталось {left} рабочего времени',
  'pause.customerWaitSince': 'пауза с {when}: обращение ожидает ответа клиента',
  'due.at': 'срок: {when}',
  'due.was': 'срок истёк {when}',
  'due.stoppedAt': 'остановлено {when}',
  'agreement.moved': 'согласовано: срок перенесён с {from} на {to}',
  'agreement.goal': 'согласовано: норматив {from} → {to}',
  'agreement.by': '{reason} — {who}, {when}',
  'agreement.metAsAgreed': 'выполнено по согласованному сроку (не в норматив регламента)',
  'agree.open': 'Согласовать срок',
  'agree.title': 'Согласовать срок с заказчиком',
  'agree.clock': 'Счётчик',
  'agree.mode': 'Как',
  'agree.extend': 'Продлить на рабочее время',
  'agree.due': 'Согласованный срок',
  'agree.extendLabel': 'Рабочее время, например 4h или 1h30m',
  'agree.dueLabel': 'Дата и время',
  'agree.reason': 'Причина',
  'agree.save': 'Сохранить',
  'agree.cancel': 'Отмена',
  'agree.saving': 'Сохранение…',
  'agree.failed': 'Не сохранено: {message}',
  'progress.label': '{clock}: израсходовано {percent}% норматива',
  'package.title': 'Пакет обслуживания',
  'package.channels': 'Каналы',
  'package.extras': 'Включено',
  'package.validFrom': 'действует с {date}',
  'package.validUntil': 'действует до {date}',
  'package.validity': 'действует {from} – {to}',
  'package.unlimited': 'бессрочно',
  'package.expired': 'Истёк',
  'package.expiredOn': 'истёк {date}',
  'package.fallback': 'Собственный пакет клиента не назначен или истёк, поэтому действует пакет по умолчанию.',
  'package.byDefault': 'Действует по умолчанию: поле «Пакет обслуживания» не заполнено.',
  'package.byCustomer': 'Действует по договору заказчика: поле «Пакет обслуживания» не заполнено.',
  'priority.byDefault': 'Действует по умолчанию: поле «Приоритет SLA» не заполнено.',
  'package.lapsedExpired': '«{name}» истёк {date} — действует «{current}»',
  'package.lapsedNotStarted': '«{name}» действует с {date} — до тех пор действует «{current}»',
  'package.none': 'Пакет обслуживания у обращения не указан.',
  'priority.title': 'Приоритет SLA',
  'priority.none': 'Приоритет SLA обращению ещё не присвоен.',
  'autoClose.at': 'Закроется автоматически {when}, если клиент не ответит.',
  'history.title': 'История',
  'history.showAll': 'Показать все события ({count})',
  'history.showLess': 'Показать меньше',
  'history.clock.reaction': 'Реакция',
  'history.clock.resolution': 'Решение',
  'history.clock.followUp': 'Ответ на уточнение',
  'history.clock.update': 'Информирование заказчика',
  'history.clock.autoClose': 'Автозакрытие',
  'history.clock.request': 'Обращение',
  'history.what.started': 'запущен',
  'history.what.paused': 'приостановлен',
  'history.what.resumed': 'возобновлён',
  'history.what.stopped': 'остановлен',
  'history.what.met': 'выполнен',
  'history.what.breached': 'нарушен',
  'history.what.goalChanged': 'изменён норматив',
  'history.what.resolved': 'решено',
  'history.what.reopened': 'открыто повторно',
  'history.what.closed': 'закрыто',
  'history.what.scheduled': 'запланировано',
  'history.what.cancelled': 'отменено',
  'history.what.agreed': 'срок согласован',
  'history.detail.agentComment': 'комментарий агента',
  'history.detail.customerComment': 'комментарий клиента',
  'history.detail.prioritySet': 'назначен приоритет',
  'history.detail.status': 'статус {status}',
  'history.detail.cycle': 'цикл {n}',
  'warnings.title': 'Предупреждения',
  'status.loading': 'Загрузка SLA…',
  'status.notConfigured': 'SLA ещё не настроен. Администратор Jira может настроить его на странице настроек SLA (Приложения → Reglament).',
  'status.unlicensed': 'Лицензия приложения для этого сайта не активна, поэтому таймеры SLA не показываются. Попросите администратора Jira проверить Reglament в разделе «Управление приложениями».',
  'status.forbidden': 'У вас нет прав на просмотр SLA этого обращения.',
  'status.notFound': 'Обращение не найдено. Возможно, оно удалено или перемещено.',
  'status.upstream': 'Не удалось загрузить SLA: Jira занята или не ответила вовремя. Повторите через минуту.',
  'status.host': 'Не удалось загрузить SLA: Jira не передала странице её контекст. Перезагрузите страницу.',
  'status.failed': 'Не удалось загрузить SLA из-за ошибки в приложении. Повторите; если ошибка не проходит, сообщите администратору Jira.',
  'status.retry': 'Повторить',
  'status.noClocks': 'К обращению с текущими пакетом и приоритетом не применяется ни один норматив SLA.',
  'status.beyond': 'Обновляем отсчёт…',
  'badge.none': 'Нет SLA',
  'badge.error': 'SLA: ошибка',
  'badge.met': 'Всё в срок',
  'badge.paused': 'Пауза',
  'badge.overdue': '−{duration}',
  'badge.label': '{clock}: {text}',
  'field.package.legend': 'Пакет обслуживания',
  'field.priority.legend': 'Приоритет SLA',
  'field.none': 'Не указан',
  'field.save': 'Сохранить',
  'field.cancel': 'Отмена',
  'field.saving': 'Сохранение…',
  'field.empty': 'Варианты ещё не настроены. Администратор Jira задаёт их на странице настроек SLA.',
  'field.current': 'текущий',
};

export const PANEL_MESSAGES: Readonly<Record<Locale, Messages<PanelKey>>> = { en, ru };

// ------------------------------------------------------------------ engine warnings
// The engine's warnings are English (src/domain/sla/warnings.ts); the view carries each one's code
// and parameters, and these say them in Russian. A code missing here shows the English text.

const WARNINGS_RU: Readonly<Record<string, string>> = {
  packageNotValid: 'Пакет «{package}» клиента «{customer}» не действует на {day} (срок действия {from} – {to}); применяется пакет по умолчанию «{default}».',
  unknownPackage: 'Неизвестный пакет «{package}»; применяется пакет по умолчанию «{default}».',
  unknownPriority: 'Неизвестный приоритет «{priority}»; применяется приоритет по умолчанию «{default}».',
  unknownPackageChange: 'Неизвестный пакет «{package}» ({at}); изменение не учтено.',
  unknownPriorityChange: 'Неизвестный приоритет «{priority}» ({at}); изменение не учтено.',
  noGoalForPackageAndPriority: '{clock}: нет норматива для пакета «{package}» и приоритета «{priority}».',
  noGoalForPackage: '{clock}: нет норматива для пакета «{package}».',
  cannotCompute: '{clock}: срок не удаётся вычислить ({reason}).',
  customerUnknown: 'Клиент обращения не определён (нет организации, адрес электронной почты скрыт); действует пакет по умолчанию «{default}», пока агент не укажет пакет обслуживания.',
  createdAfterNow: 'Обращение создано позже текущего момента.',
  noProductionData: '{day}: нет данных производственного календаря на {year} год; будни считаются рабочими днями.',
};

/** Russian warning templates by code, for tests and other apps. */
export const WARNING_MESSAGES_RU = WARNINGS_RU;

export interface WarningLike {
  code: string;
  params: Readonly<Record<string, string>>;
  text: string;
}

/**
 * A warning in the viewer's language: English is the engine's own text; Russian fills the code's
 * template (clock names translated, dates as DD.MM.YYYY, instants through `when` when given).
 */
export function warningMessage(w: WarningLike, lang: Locale, when?: (iso: string) => string): string {
  const template = lang === 'ru' ? WARNINGS_RU[w.code] : undefined;
  if (template === undefined) return w.text;
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(w.params)) {
    if (name === 'clock') vars[name] = (ru as Readonly<Record<string, string>>)[`clock.${value}`] ?? value;
    else if (name === 'at' && when) vars[name] = when(value);
    else vars[name] = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(8, 10)}.${value.slice(5, 7)}.${value.slice(0, 4)}` : value;
  }
  return interpolate(template, vars);
}
