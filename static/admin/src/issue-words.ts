// Validation issues in the page language. The backend keeps each issue as data (a path in
// `formatConfigPath` notation and an English message); this edge turns the path into the field's
// name in words («Календарь «Альтек» → Понедельник → интервал 2») and the message into Russian on
// a Russian page, so no JSON path or English sentence reaches a person.
import type { Locale } from '../../../src/shared/contract';
import { calendarName, type Draft } from './draft';

type Seg = string | number;

/** `calendars["altec"].week.mon[1]` → ['calendars', 'altec', 'week', 'mon', 1]. */
export function parseConfigPath(path: string): Seg[] {
  const out: Seg[] = [];
  for (const m of path.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}

type Words = Readonly<Record<Locale, string>>;
const w = (ru: string, en: string): Words => ({ ru, en });

/** Names of configuration fields a person edits, as the admin page labels them. */
export const FIELD_WORDS: Readonly<Record<string, Words>> = {
  schemaVersion: w('версия формата', 'format version'),
  name: w('название', 'name'),
  names: w('название', 'name'),
  template: w('шаблон', 'template'),
  calendarId: w('календарь', 'calendar'),
  calendars: w('календари', 'calendars'),
  timezone: w('часовой пояс', 'time zone'),
  week: w('рабочие часы по дням недели', 'weekly working hours'),
  holidays: w('праздники', 'holidays'),
  recurringHolidays: w('ежегодные праздники', 'holidays every year'),
  holidayHours: w('часы работы в праздники', 'hours worked on holidays'),
  workingDates: w('рабочие выходные', 'working weekends'),
  shortDates: w('сокращённые дни', 'shortened days'),
  shortenBy: w('сокращение дня', 'shortened by'),
  dates: w('часы на отдельные даты', 'hours on specific dates'),
  productionCalendar: w('производственный календарь', 'production calendar'),
  productionYears: w('годы производственного календаря', 'production calendar years'),
  packages: w('пакеты', 'packages'),
  id: w('код', 'id'),
  description: w('описание', 'description'),
  price: w('цена', 'price'),
  validity: w('срок действия', 'validity'),
  channels: w('каналы', 'channels'),
  products: w('продукты', 'products'),
  extras: w('дополнительно', 'extras'),
  skypeContacts: w('контакты Skype', 'Skype contacts'),
  defaultPackage: w('пакет по умолчанию', 'default package'),
  priorities: w('приоритеты', 'priorities'),
  definition: w('определение', 'definition'),
  defaultPriority: w('приоритет по умолчанию', 'default priority'),
  goalsBy: w('от чего зависят нормативы', 'what goals depend on'),
  goals: w('нормативы', 'goals'),
  reaction: w('реакция', 'reaction'),
  resolution: w('решение', 'resolution'),
  followUp: w('повторный ответ', 'follow-up'),
  atRiskThreshold: w('порог «под угрозой»', 'at-risk threshold'),
  statuses: w('статусы', 'statuses'),
  initial: w('начальные статусы', 'initial statuses'),
  customerWait: w('ожидание клиента', 'waiting for the customer'),
  resolved: w('решено', 'resolved'),
  closed: w('закрыто', 'closed'),
  agentRule: w('кто считается агентом', 'who counts as an agent'),
  autoClose: w('автозакрытие', 'auto-close'),
  period: w('срок', 'period'),
  customers: w('клиенты', 'customers'),
  match: w('клиент', 'customer'),
  organization: w('организация', 'organization'),
  emailDomain: w('почтовый домен', 'e-mail domain'),
  package: w('пакет', 'package'),
  validFrom: w('действует с', 'valid from'),
  validTo: w('действует по', 'valid until'),
  note: w('примечание', 'note'),
  acknowledgement: w('уведомление клиенту', 'notice to the customer'),
  enabled: w('включено', 'enabled'),
  text: w('текст', 'text'),
  ru: w('по-русски', 'in Russian'),
  en: w('по-английски', 'in English'),
  minimumAnswerMinutes: w('минимальное время на ответ', 'minimum time per answer'),
  actions: w('действия', 'actions'),
  atRisk: w('под угрозой', 'at risk'),
  breached: w('нарушение', 'breach'),
  to: w('получатели', 'recipients'),
  autoCloseNotice: w('предупреждение об автозакрытии', 'auto-close notice'),
  before: w('за сколько', 'how long before'),
  mon: w('понедельник', 'Monday'),
  tue: w('вторник', 'Tuesday'),
  wed: w('среда', 'Wednesday'),
  thu: w('четверг', 'Thursday'),
  fri: w('пятница', 'Friday'),
  sat: w('суббота', 'Saturday'),
  sun: w('воскресенье', 'Sunday'),
};

const SEP = ' → ';

/** The place of an issue in words; '' (the whole configuration) gives the word for it. */
export function pathInWords(path: string, draft: Draft | null, lang: Locale): string {
  const segs = parseConfigPath(path);
  if (segs.length === 0) return lang === 'ru' ? 'настройки в целом' : 'the configuration as a whole';
  const parts: string[] = [];
  const field = (s: Seg) => (typeof s === 'string' ? (FIELD_WORDS[s]?.[lang] ?? s) : String(s + 1));
  const pkgName = (id: string) => draft?.packages.find((p) => p.id === id)?.name[lang] ?? id;
  const prioName = (id: string) => draft?.priorities.find((p) => p.id === id)?.name[lang] ?? id;
  const head = segs[0];
  let i = 1;
  if (head === 'calendars' && typeof segs[1] === 'string') {
    const id = segs[1];
    parts.push(`${lang === 'ru' ? 'Календарь' : 'Calendar'} «${calendarName(draft?.calendars[id], id, lang)}»`);
    i = 2;
  } else if ((head === 'packages' || head === 'priorities' || head === 'customers') && typeof segs[1] === 'number') {
    const n = segs[1];
    const named = head === 'packages' ? draft?.packages[n]?.name[lang] : head === 'priorities' ? draft?.priorities[n]?.name[lang] : draft?.customers[n]?.note ?? undefined;
    const word = head === 'packages' ? w('Пакет', 'Package') : head === 'priorities' ? w('Приоритет', 'Priority') : w('Клиент', 'Customer');
    parts.push(named ? `${word[lang]} «${named}»` : `${word[lang]} ${n + 1}`);
    i = 2;
  } else if (head === 'goals' && (segs[1] === 'reaction' || segs[1] === 'resolution')) {
    parts.push(segs[1] === 'reaction' ? (lang === 'ru' ? 'Нормативы реакции' : 'Reaction goals') : lang === 'ru' ? 'Нормативы решения' : 'Resolution goals');
    const by = draft?.goalsBy[segs[1]] ?? 'package';
    if (typeof segs[2] === 'string') parts.push(by === 'priority' ? prioName(segs[2]) : pkgName(segs[2]));
    if (typeof segs[3] === 'string') parts.push(prioName(segs[3]));
    i = segs.length;
  } else {
    const first = field(head ?? '');
    parts.push(first.charAt(0).toUpperCase() + first.slice(1));
  }
  for (; i < segs.length; i++) {
    const s = segs[i]!;
    const prev = segs[i - 1];
    if (typeof s === 'number') {
      const inWeek = typeof prev === 'string' && prev in { mon: 1, tue: 1, wed: 1, thu: 1, fri: 1, sat: 1, sun: 1 };
      const inInterval = typeof prev === 'number' && typeof segs[i - 2] === 'string';
      if (inInterval && (s === 0 || s === 1)) parts[parts.length - 1] += `, ${s === 0 ? (lang === 'ru' ? 'начало' : 'start') : lang === 'ru' ? 'конец' : 'end'}`;
      else parts.push(inWeek || prev === 'holidayHours' ? `${lang === 'ru' ? 'интервал' : 'interval'} ${s + 1}` : `${lang === 'ru' ? 'строка' : 'line'} ${s + 1}`);
    } else parts.push(field(s));
  }
  return parts.join(SEP);
}

/** English validation messages → Russian; `$1`… are the values the message quotes. */
const RU: ReadonlyArray<readonly [RegExp, string]> = [
  [/^required$/, 'обязательное поле'],
  [/^required \(the current version is (\d+)\)$/, 'обязательное поле (текущая версия — $1)'],
  [/^expected a real date YYYY-MM-DD$/, 'ожидается дата в формате ГГГГ-ММ-ДД'],
  [/^expected a real date YYYY-MM-DD as the key$/, 'ожидается дата в формате ГГГГ-ММ-ДД'],
  [/^expected a year YYYY as the key$/, 'ожидается год ГГГГ'],
  [/^expected a month-day MM-DD$/, 'ожидается день в формате ММ-ДД'],
  [/^expected a time HH:MM between 00:00 and 24:00$/, 'ожидается время ЧЧ:ММ от 00:00 до 24:00'],
  [/^interval ends \((.+)\) before or when it starts \((.+)\)$/, 'интервал заканчивается ($1) не позже, чем начинается ($2)'],
  [/^intervals overlap \((.+) and (.+)\)$/, 'интервалы пересекаются ($1 и $2)'],
  [/^unknown IANA time zone.*$/, 'неизвестный часовой пояс IANA (например, «Europe/Moscow»)'],
  [/^(\S+) is not in (\d{4})$/, '$1 не относится к $2 году'],
  [/^expected working hours on at least one weekday$/, 'нужны рабочие часы хотя бы в один день недели'],
  [/^goals in working days \(wd\) count Monday's hours.*$/, 'нормативы в рабочих днях (wd) считают рабочим днём часы понедельника, а в понедельник их нет'],
  [/^"(.+)" uses working days but the calendar has no Monday hours \(week\.mon\)$/, '«$1» задан в рабочих днях, но в календаре нет часов понедельника'],
  [/^expected a reaction or a resolution goal \(or both\)$/, 'нужен норматив реакции или решения (или оба)'],
  [/^goalsBy\.(\w+) is set but goals\.\w+ is missing$/, 'указано, от чего зависят нормативы, но самих нормативов нет'],
  [/^expected "package", "priority" or "matrix".*$/, 'ожидается «пакет», «приоритет» или «матрица»'],
  [/^goals\.\w+ is keyed by priority but no priorities are defined$/, 'нормативы зависят от приоритета, но приоритеты не заданы'],
  [/^unknown package "(.*)"$/, 'неизвестный пакет «$1»'],
  [/^unknown priority "(.*)" \(no priorities are defined\)$/, 'неизвестный приоритет «$1» (приоритеты не заданы)'],
  [/^unknown priority "(.*)"$/, 'неизвестный приоритет «$1»'],
  [/^unknown calendar "(.*)"$/, 'неизвестный календарь «$1»'],
  [/^expected goals by priority for this package \(matrix\).*$/, 'для этого пакета нужны нормативы по приоритетам (матрица)'],
  [/^missing a goal for priority "(.*)"$/, 'нет норматива для приоритета «$1»'],
  [/^missing a goal for package "(.*)"$/, 'нет норматива для пакета «$1»'],
  [/^missing a goal for priority "(.*)"$/, 'нет норматива для приоритета «$1»'],
  [/^duplicate package id "(.*)"$/, 'код пакета «$1» повторяется'],
  [/^duplicate priority id "(.*)"$/, 'код приоритета «$1» повторяется'],
  [/^expected the priority a request has until support classifies it$/, 'укажите приоритет, который действует до классификации обращения'],
  [/^status "(.*)" already has the role (.*)$/, 'у статуса «$1» уже есть роль «$2»'],
  [/^expected a plain period like .*, got "(.*)"$/, 'ожидается срок вида «14d», «24h» или «90m», а указано «$1»'],
  [/^"(.*)" is not shorter than the auto-close period "(.*)"$/, '«$1» не короче срока автозакрытия «$2»'],
  [/^auto-close is off.*$/, 'автозакрытие выключено: включите его или отключите предупреждение об автозакрытии'],
  [/^ends \((.*)\) before it starts \((.*)\)$/, 'заканчивается ($1) раньше, чем начинается ($2)'],
  [/^expected at least one recipient.*$/, 'нужен хотя бы один получатель: исполнитель, наблюдатели или автор'],
  [/^the at-risk threshold is 0, so no clock is ever at risk$/, 'порог «под угрозой» равен 0, поэтому срок никогда не будет под угрозой'],
  [/^the configuration has no (\w+) goal, so this clock never (becomes at risk|breaches)$/, 'в настройках нет такого норматива, поэтому это событие никогда не наступит'],
  [/^label "(.*)" is added twice$/, 'метка «$1» добавляется дважды'],
  [/^a second "(.*)" action.*$/, 'второе действие «$1»'],
  [/^empty goal: .*$/, 'пустой норматив: ожидается число и единица s, m, h, wd или bd, через запятую («4h», «2wd», «24h,5bd»)'],
  [/^goal "(.*)": business days must be a whole number .*$/, 'норматив «$1»: рабочие дни (bd) — только целое число'],
  [/^goal "(.*)": "(.*)" is not a goal; .*$/, 'норматив «$1»: «$2» — не норматив; ожидается число и единица s, m, h, wd или bd («4h», «2wd», «24h,5bd»)'],
  [/^trial calculation for (.*) failed: .*$/, 'пробный расчёт не удался ($1)'],
  [/^invalid value (.*)$/, 'недопустимое значение $1'],
  [/^expected a configuration object$/, 'ожидается объект настроек'],
  [/^unsupported version (.*) \(this app reads .*\)$/, 'неподдерживаемая версия формата $1'],
  [/^the configuration cannot be read: .*$/, 'настройки не удаётся прочитать'],
  [/^Too big: expected (?:string|array) to have <=(\d+) (?:characters|items)$/, 'слишком длинно: не больше $1'],
  [/^Too small: expected (?:string|array) to have >=(\d+) (?:characters|items)$/, 'слишком коротко: не меньше $1'],
  [/^Too big: expected number to be <=(.+)$/, 'слишком большое число: не больше $1'],
  [/^Too small: expected number to be >=(.+)$/, 'слишком маленькое число: не меньше $1'],
  [/^Invalid input: expected (\w+), received (\w+)$/, 'недопустимое значение'],
  [/^Invalid option: .*$/, 'недопустимый вариант'],
  [/^Unrecognized key.*$/, 'лишнее поле'],
];

/** A backend message in the page language; an English sentence nobody mapped reads as a generic fault in Russian. */
export function issueMessage(message: string, lang: Locale): string {
  if (lang === 'en') return message;
  for (const [re, ru] of RU) if (re.test(message)) return message.replace(re, ru);
  return 'недопустимое значение';
}

/** The at-risk threshold is entered in percent; the schema speaks of shares of 1 (0.25), which the admin never typed. */
export function percentBoundsMessage(_message: string, path: string, lang: Locale): string | null {
  if (path !== 'atRiskThreshold') return null;
  return lang === 'ru' ? 'ожидается процент от 0 до 99 (25 — четверть норматива)' : 'expected a percentage from 0 to 99 (25 = a quarter of the goal)';
}

/**
 * A version's comment as the page says it: the store writes "restored version N" for a restore
 * (data, kept in English), which reads in the page language; a person's own comment stays as typed.
 */
export function versionComment(comment: string | undefined, t: (key: 'versions.restoredComment', vars: { n: string }) => string): string | undefined {
  const restored = comment ? /^restored version (\d+)$/.exec(comment) : null;
  return restored?.[1] ? t('versions.restoredComment', { n: restored[1] }) : comment;
}
