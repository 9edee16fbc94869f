// Demo data for the local host: one project per regulation template, each configured through the
// app's own saveConfig resolver, and 20–40 requests per project played through the emulator's
// human actions at past simulated instants (the clock walks forward through the weeks, the
// scheduled sweep runs along the way), so that at the end every clock state is on screen:
// running, at risk, paused, met, breached and auto-closed. Deterministic for a given seed and now.
import { goalToMs, workingBetween, addWorking, type CompiledCalendar, compileCalendar } from '../src/domain/calendar';
import { TEMPLATES, type TemplateId } from '../src/domain/templates';
import { choiceValue } from '../src/shared/choice-value';
import { seededRandom } from './emulator/faults';
import type { SiteUser } from './emulator';
import type { LocalHost } from './host';

export const DEMO_PROJECTS: ReadonlyArray<{ key: string; name: string; template: TemplateId }> = [
  { key: 'AGENTPLUS', name: 'Агент Плюс — техподдержка', template: 'agentplus' },
  { key: 'ADV', name: 'AdvantShop — поддержка', template: 'advantshop' },
  { key: 'PASS', name: 'PASS24.online — поддержка', template: 'pass24' },
  { key: 'ALTEC', name: 'Алтек — сопровождение', template: 'altec' },
  { key: 'BARIER', name: 'Барьер — техподдержка', template: 'barier' },
];

export const DEMO_USERS = {
  admin: '557058:admin-anna',
  agents: ['557058:agent-ivan', '557058:agent-maria'],
  customers: ['qm:customer-romashka', 'qm:customer-vektor', 'qm:customer-north', 'qm:customer-volga'],
} as const;

export type Archetype = 'running' | 'atRisk' | 'paused' | 'met' | 'breached' | 'autoClosed';

/** Request texts per project, in the words of each product's customers (summary, description). */
const REQUESTS: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  AGENTPLUS: [
    ['Не выгружаются заказы из мобильного приложения в 1С', 'Торговые агенты с утра не могут отправить заказы: обмен зависает на 40 %. Конфигурация 1С:УТ 11.5, версия модуля 3.1.'],
    ['Ошибка обмена: «Не найден склад по умолчанию»', 'После обновления обработки обмена на каждом устройстве выходит эта ошибка. Склад в настройках агента указан.'],
    ['Не отображаются остатки на планшете агента', 'У двух агентов остатки показывают нули, у остальных всё в порядке. Пересинхронизация не помогает.'],
    ['Как подключить нового торгового агента?', 'Приняли сотрудника, нужно выдать ему лицензию и настроить маршрут. Подскажите порядок действий.'],
    ['Не работает GPS-мониторинг агентов', 'На карте в личном кабинете нет треков со вчерашнего дня, хотя геолокация на телефонах включена.'],
    ['Приложение закрывается при печати накладной', 'Android 13, принтер Zebra по Bluetooth. При нажатии «Печать» приложение вылетает.'],
    ['Просим продлить пакет «Оптимальный»', 'Срок пакета заканчивается в следующем месяце. Пришлите, пожалуйста, счёт на продление.'],
    ['Неверно рассчитываются скидки в заказе', 'Скидка по соглашению с клиентом не применяется к акционным позициям, хотя в 1С применяется.'],
    ['Не приходят фотоотчёты мерчендайзеров', 'Фотографии с торговых точек не появляются в базе после обмена.'],
    ['Не удаётся войти в «Агент Плюс: Личный кабинет»', 'Восстановление пароля не приходит на почту, проверяли папку «Спам».'],
  ],
  ADV: [
    ['Не проходит оплата картой на сайте', 'Покупатели жалуются, что после ввода карты страница оплаты возвращает на корзину. Платёжный модуль ЮKassa.'],
    ['Импорт каталога из CSV обрывается на 3000-й строке', 'Загружаем прайс на 12 000 позиций, импорт останавливается без сообщения об ошибке.'],
    ['Не рассчитывается доставка СДЭК в корзине', 'С утра вместо стоимости доставки показывается «0 руб.», заказы оформляются без доставки.'],
    ['Как настроить 301-редиректы со старых адресов?', 'Переезжаем со старого движка, нужно сохранить позиции в поиске. Подскажите, где задаются редиректы.'],
    ['Сайт открывается с ошибкой сертификата', 'Браузеры пишут «Подключение не защищено». Сертификат продлевали на прошлой неделе.'],
    ['Не приходят письма о новых заказах', 'Менеджеры перестали получать уведомления о заказах, хотя заказы в админке появляются.'],
    ['Задвоились товары после синхронизации с 1С', 'После обмена в каталоге появились копии товаров без фотографий.'],
    ['Нужна доработка карточки товара', 'Хотим выводить таблицу размеров отдельной вкладкой. Оцените, пожалуйста, стоимость и сроки.'],
    ['Медленно открывается каталог', 'Страницы категорий грузятся по 8–10 секунд, раньше было около секунды.'],
    ['Не работает промокод на первый заказ', 'Промокод создан, срок действия не истёк, но в корзине пишет «Купон не найден».'],
  ],
  PASS: [
    ['Гостевые пропуска не приходят посетителям', 'Заявки на гостевой пропуск создаются, но SMS со ссылкой посетителям не отправляется.'],
    ['Шлагбаум не распознаёт номера автомобилей', 'С утра камера на въезде пропускает не все машины из списка, приходится открывать вручную.'],
    ['Как добавить арендатора и его сотрудников?', 'В бизнес-центр заехала новая компания, нужно завести её и выдать доступ 25 сотрудникам.'],
    ['Охрана не видит заявки на пропуск', 'На посту охраны список заявок пустой, хотя арендаторы заявки создают.'],
    ['Ошибка при выгрузке журнала проходов', 'Отчёт за месяц в Excel не формируется: «Превышено время ожидания».'],
    ['Не работает интеграция с СКУД', 'Постоянные пропуска не синхронизируются с контроллерами, новые сотрудники не проходят через турникет.'],
    ['Мобильное приложение не входит по коду из SMS', 'Код приходит, но после ввода приложение снова просит номер телефона.'],
    ['Нужно изменить шаблон разового пропуска', 'Просим добавить на пропуск этаж и номер офиса.'],
    ['Дублируются заявки на въезд', 'Каждая заявка на автомобиль появляется у охраны дважды.'],
    ['Просим консультацию по настройке ролей', 'Как ограничить администратору арендатора доступ к журналу проходов других компаний?'],
  ],
  ALTEC: [
    ['Optima Win не запускается после обновления', 'После установки обновления 8.4 при запуске появляется окно «Ошибка инициализации базы данных».'],
    ['Ошибка лицензии на рабочем месте', 'На втором рабочем месте программа сообщает, что лицензия не найдена, хотя ключ вставлен.'],
    ['Просим добавить оборудование в базу', 'Закупили новые приборы, в справочнике оборудования их нет. Модели и серийные номера во вложении.'],
    ['Медленно формируется отчёт за квартал', 'Квартальный отчёт строится больше часа, раньше — около пяти минут.'],
    ['Не сохраняются изменения в карточке объекта', 'После нажатия «Сохранить» поля возвращаются к прежним значениям.'],
    ['Вопрос по переносу базы на новый сервер', 'Планируем переезд на новый сервер. Какой порядок переноса базы и лицензий?'],
    ['Зависает при печати протокола', 'При печати протокола программа перестаёт отвечать, помогает только снятие задачи.'],
    ['Ошибка в документации к версии 8.4', 'В руководстве пользователя описан пункт меню, которого нет в программе.'],
    ['Нужна настройка прав пользователей', 'Просим помочь разграничить права: оператор не должен удалять записи.'],
    ['Программа аварийно закрывается при импорте', 'При импорте данных из XML программа закрывается без сообщения. Файл прилагаем.'],
  ],
  BARIER: [
    ['ПАК не отвечает после отключения питания', 'После аварийного отключения электричества комплекс не загружается, индикатор мигает красным.'],
    ['Не работает удалённое рабочее место участника', 'С рабочего места участника нет связи с сервером, ошибка «Сервер недоступен».'],
    ['Ошибка при обновлении ПО до новой версии', 'Обновление прерывается на 70 % с кодом ошибки 0x1F.'],
    ['Как изменить настройки сети комплекса?', 'Меняем адресацию в сети, нужно перенастроить IP-адреса ПАК.'],
    ['Не формируются журналы событий', 'В журнале событий нет записей с позавчерашнего дня.'],
    ['Сбой синхронизации времени', 'Время на комплексе отстаёт на 7 минут, из-за этого расходятся отчёты.'],
    ['Нужна консультация по резервному копированию', 'Подскажите, как настроить ежедневное резервное копирование конфигурации.'],
    ['Пользователь не может войти в систему', 'После смены пароля учётная запись заблокирована.'],
    ['Медленная работа интерфейса администратора', 'Страницы администрирования открываются по полминуты.'],
    ['Просим доработать отчёт по инцидентам', 'Нужна группировка инцидентов по подразделениям.'],
  ],
};

const AGENT_REPLIES = [
  'Здравствуйте! Обращение приняли в работу, уточняем детали.',
  'Добрый день! Проверяем, сообщим результат в течение дня.',
  'Здравствуйте! Пришлите, пожалуйста, скриншот ошибки и точное время, когда она появилась.',
  'Добрый день! Воспроизвели проблему на тестовом стенде, готовим исправление.',
];
const FOLLOW_UP_ANSWERS = ['Спасибо за уточнение! Проверяем по вашим данным.', 'Получили, передали специалисту, ответим сегодня.'];
const CUSTOMER_REPLIES = ['Спасибо, ждём.', 'Ошибка повторилась сегодня утром, скриншот во вложении.', 'Есть ли новости по обращению?', 'Уточняю: проблема у всех пользователей, не только у одного.'];

/**
 * The demo site's people: Russian names, organizations and e-mail domains. The account ids are
 * the emulator's defaults (tests address users by them); only names and addresses differ.
 */
export const DEMO_SITE_USERS: SiteUser[] = [
  { accountId: '557058:admin-anna', displayName: 'Анна Соколова', emailAddress: 'a.sokolova@servicedesk-demo.ru', locale: 'ru_RU', timeZone: 'Europe/Moscow', role: 'admin' },
  { accountId: '557058:agent-ivan', displayName: 'Иван Петров', emailAddress: 'i.petrov@servicedesk-demo.ru', locale: 'ru_RU', timeZone: 'Europe/Moscow', role: 'agent' },
  { accountId: '557058:agent-maria', displayName: 'Мария Смирнова', emailAddress: 'm.smirnova@servicedesk-demo.ru', locale: 'ru_RU', timeZone: 'Europe/Moscow', role: 'agent' },
  { accountId: 'qm:customer-romashka', displayName: 'Ольга Ромашкина (ООО «Ромашка»)', emailAddress: 'o.romashkina@romashka-trade.ru', locale: 'ru_RU', timeZone: 'Europe/Moscow', role: 'customer', organization: 'ООО «Ромашка»' },
  { accountId: 'qm:customer-vektor', displayName: 'Павел Волков (АО «Вектор»)', emailAddress: 'p.volkov@vektor-ural.ru', locale: 'ru_RU', timeZone: 'Asia/Yekaterinburg', role: 'customer', organization: 'АО «Вектор»' },
  { accountId: 'qm:customer-north', displayName: 'Дмитрий Северов (ООО «Северная звезда»)', emailAddress: 'd.severov@sev-zvezda.ru', locale: 'ru_RU', timeZone: 'Europe/Moscow', role: 'customer', organization: 'ООО «Северная звезда»' },
  { accountId: 'qm:customer-volga', displayName: 'Елена Кузнецова (ПАО «Волга-Логистик»)', emailAddress: 'e.kuznetsova@volga-logistic.ru', locale: 'ru_RU', timeZone: 'Europe/Samara', role: 'customer', organization: 'ПАО «Волга-Логистик»' },
];

type Cfg = (typeof TEMPLATES)[TemplateId];

function goalString(cfg: Cfg, kind: 'reaction' | 'resolution', pkg: string, prio: string | null): string | null {
  const by = cfg.goalsBy[kind];
  const table = cfg.goals[kind];
  if (!by || !table) return null;
  const pick = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  if (by === 'package') return pick(table[pkg]);
  if (by === 'priority') return prio ? pick(table[prio]) : null;
  const row = table[pkg];
  return row && typeof row === 'object' && prio ? pick((row as Record<string, string>)[prio]) : null;
}

/** The instant before `endMs` from which `workingMs` of working time reaches `endMs`. */
function startBefore(cal: CompiledCalendar, endMs: number, workingMs: number): number {
  let lo = endMs - 400 * 86_400_000;
  let hi = endMs;
  for (let i = 0; i < 48; i++) {
    const mid = Math.floor((lo + hi) / 2);
    if (workingBetween(cal, mid, endMs) > workingMs) lo = mid;
    else hi = mid;
  }
  return hi;
}

interface Step {
  at: number;
  order: number;
  run: () => Promise<unknown>;
}

export interface DemoOptions {
  nowMs: number;
  seed?: number;
  /** Requests per project: 20–40; default chosen by the seed. */
  perProject?: number;
  log?: (line: string) => void;
}

export interface DemoPlan {
  projects: Array<{ key: string; template: TemplateId; requests: Array<{ summary: string; archetype: Archetype; createdAt: number }> }>;
  startMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Builds the timeline without running it. */
function plan(host: LocalHost, opts: DemoOptions): { steps: Step[]; plan: DemoPlan } {
  const rnd = seededRandom(opts.seed ?? 2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (a: number, b: number): number => a + rnd() * (b - a);
  const now = opts.nowMs;
  const steps: Step[] = [];
  let order = 0;
  const add = (at: number, run: () => Promise<unknown>): void => {
    steps.push({ at: Math.round(at / MINUTE) * MINUTE, order: order++, run });
  };
  const a = host.emulator.actions;
  const out: DemoPlan = { projects: [], startMs: now };

  for (const project of DEMO_PROJECTS) {
    const cfg = TEMPLATES[project.template];
    const cal = compileCalendar(cfg.calendars[cfg.calendarId]!);
    const packages = cfg.packages.map((p) => p.id);
    const priorities = cfg.priorities.map((p) => p.id);
    const namedPriority = (id: string) => choiceValue(id, cfg.priorities.find((p) => p.id === id)?.name, 'ru');
    const autoCloseMs = cfg.autoClose ? goalPeriodMs(cfg.autoClose.period) : null;
    const count = opts.perProject ?? 24 + Math.floor(rnd() * 8);
    const archetypes: Archetype[] = ['running', 'atRisk', 'paused', 'met', 'breached', 'autoClosed'];
    const requests: DemoPlan['projects'][number]['requests'] = [];
    for (let n = 0; n < count; n++) {
      const archetype = archetypes[n % archetypes.length]!;
      // Short goals keep every archetype inside the last weeks; long ones (24wd) only for "met".
      const candidates = packages.flatMap((pk) => (priorities.length > 0 ? priorities : [null]).map((pr) => ({ pk, pr })));
      const withGoal = candidates
        .map((c) => {
          const g = goalString(cfg, 'reaction', c.pk, c.pr) ?? goalString(cfg, 'resolution', c.pk, c.pr);
          return { ...c, goal: g, ms: g ? goalToMs(cal, now, g) : null };
        })
        .filter((c) => c.ms !== null && (archetype === 'met' || c.ms <= 3 * 12 * HOUR));
      const choice = withGoal.length > 0 ? pick(withGoal) : { ...pick(candidates), goal: null, ms: 4 * HOUR };
      const pkg = choice.pk;
      const prio = choice.pr;
      const goalMs = choice.ms ?? 4 * HOUR;
      const reactionGoal = goalString(cfg, 'reaction', pkg, prio);
      const resolutionGoal = goalString(cfg, 'resolution', pkg, prio);
      const reporter = pick(DEMO_USERS.customers);
      const agent = pick(DEMO_USERS.agents);
      // Each text once before any repeats, so the queue does not read like a test fixture.
      const texts = REQUESTS[project.key] ?? REQUESTS.ALTEC!;
      const [summary, description] = texts[(n * 7 + project.key.length) % texts.length]!;
      let created: number;
      switch (archetype) {
        case 'running':
          created = startBefore(cal, now, goalMs * between(0.1, 0.4));
          break;
        case 'atRisk':
          created = startBefore(cal, now, goalMs * between(0.8, 0.9));
          break;
        case 'breached':
          created = startBefore(cal, now, goalMs * between(1.3, 2.5));
          break;
        case 'paused':
          created = now - between(2, 8) * DAY;
          break;
        case 'met':
          created = now - between(3, 20) * DAY;
          break;
        case 'autoClosed': {
          // Resolved long enough ago that the auto-close period has certainly run out.
          const resolvedAt = now - (autoCloseMs ?? 3 * DAY) - between(1, 4) * DAY;
          const resGoal = goalString(cfg, 'resolution', pkg, prio);
          created = startBefore(cal, resolvedAt, resGoal ? goalToMs(cal, resolvedAt, resGoal) * 0.5 : 2 * HOUR);
          break;
        }
      }
      requests.push({ summary, archetype, createdAt: created });
      let key = '';
      add(created, async () => {
        // As the field editor submits them: the id and its name (the Russian desk's language).
        const pkgValue = choiceValue(pkg, cfg.packages.find((p) => p.id === pkg)?.name, 'ru');
        const prioValue = prio ? choiceValue(prio, cfg.priorities.find((p) => p.id === prio)?.name, 'ru') : null;
        key = (await a.createIssue({ projectKey: project.key, summary, description, reporter, package: pkgValue, ...(prioValue ? { priority: prioValue } : {}) })).key;
      });
      const reactionMs = reactionGoal ? goalToMs(cal, created, reactionGoal) : HOUR;
      const resolutionMs = resolutionGoal ? goalToMs(cal, created, resolutionGoal) : 4 * HOUR;
      // The fiveMinute sweeps right after the auto-close period runs out: while weeks replay,
      // sweeps are thinned to a few a day, and without these the request would close hours late.
      const sweepWhenAutoCloseDue = (resolvedAt: number): void => {
        if (autoCloseMs === null) return;
        const due = Math.ceil((Math.round(resolvedAt / MINUTE) * MINUTE + autoCloseMs + MINUTE) / (5 * MINUTE)) * 5 * MINUTE;
        for (const at of [due, due + 5 * MINUTE]) add(at, () => host.emulator.runSweep());
      };
      const answer = (frac: number): number => addWorking(cal, created, Math.min(reactionMs * frac, resolutionMs * 0.4));
      const t1Paused = answer(0.3);
      if (archetype === 'paused') {
        const t1 = t1Paused;
        add(t1, () => a.comment(key, { author: agent, body: pick(AGENT_REPLIES) }));
        add(t1 + MINUTE, () => a.transition(key, 'In Progress', agent));
        add(addWorking(cal, t1, Math.min(HOUR, resolutionMs * 0.2)), () => a.transition(key, 'Waiting for customer', agent));
      } else if (archetype === 'met') {
        const t1 = answer(0.3);
        add(t1, () => a.comment(key, { author: agent, body: pick(AGENT_REPLIES) }));
        add(t1 + MINUTE, () => a.transition(key, 'In Progress', agent));
        if (n % 4 === 3 && priorities.length > 1) add(t1 + 2 * MINUTE, () => a.setField(key, 'priority', namedPriority(pick(priorities)), agent));
        if (n % 5 === 4) add(t1 + 3 * MINUTE, () => a.comment(key, { author: agent, body: 'Внутренняя заметка: воспроизвели на стенде.', internal: true }));
        const resolvedAt = addWorking(cal, created, resolutionMs * 0.6);
        add(Math.max(resolvedAt, t1 + 5 * MINUTE), () => a.transition(key, 'Resolved', agent));
        sweepWhenAutoCloseDue(Math.max(resolvedAt, t1 + 5 * MINUTE));
      } else if (archetype === 'breached' && n % 2 === 0) {
        // Answered late: the reaction is breached, the resolution clock keeps going.
        const late = addWorking(cal, created, reactionMs * 1.2);
        if (late < now) add(late, () => a.comment(key, { author: agent, body: pick(AGENT_REPLIES) }));
      } else if (archetype === 'autoClosed') {
        const t1 = answer(0.2);
        add(t1, () => a.comment(key, { author: agent, body: pick(AGENT_REPLIES) }));
        add(t1 + MINUTE, () => a.transition(key, 'In Progress', agent));
        const resolvedAt = Math.max(addWorking(cal, created, resolutionGoal ? resolutionMs * 0.5 : 2 * HOUR), t1 + 10 * MINUTE);
        add(resolvedAt, () => a.transition(key, 'Resolved', agent));
        sweepWhenAutoCloseDue(resolvedAt);
        // Without an auto-close rule the agent closes it by hand two days later.
        if (autoCloseMs === null) add(resolvedAt + 2 * DAY, () => a.transition(key, 'Closed', agent));
      }
      if (archetype === 'running' && n % 3 === 0) {
        add(created + 5 * MINUTE, () => a.comment(key, { author: reporter, body: pick(CUSTOMER_REPLIES) }));
      }
      if (archetype === 'paused' && n % 2 === 0) {
        // A follow-up from the customer while support waits for them: support takes it back,
        // answers within the goal and waits for the customer again (resolution paused again).
        const waiting = addWorking(cal, t1Paused, Math.min(HOUR, resolutionMs * 0.2));
        const t2 = Math.max(created + DAY, waiting + HOUR);
        const back = addWorking(cal, t2, Math.min(reactionMs, resolutionMs) * 0.2);
        add(t2, () => a.comment(key, { author: reporter, body: pick(CUSTOMER_REPLIES) }));
        add(back, () => a.transition(key, 'In Progress', agent));
        add(back + MINUTE, () => a.comment(key, { author: agent, body: pick(FOLLOW_UP_ANSWERS) }));
        add(back + 2 * MINUTE, () => a.transition(key, 'Waiting for customer', agent));
      }
    }
    out.projects.push({ key: project.key, template: project.template, requests });
  }
  steps.sort((x, y) => x.at - y.at || x.order - y.order);
  out.startMs = Math.min(...steps.map((s) => s.at), now) - HOUR;
  return { steps: steps.filter((s) => s.at < now), plan: out };
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The template as a team would save it: Agent Plus also sells packages to named customers, so two
 * organizations get one by JSM organization (Jira hides most customers' e-mail from apps) — one
 * current, one expired (the panel flags it and the free package applies).
 */
export function demoConfig(template: TemplateId, nowMs: number): Cfg {
  const cfg = TEMPLATES[template];
  if (template !== 'agentplus') return cfg;
  return {
    ...cfg,
    customers: [
      { match: { organization: 'ООО «Ромашка»' }, package: 'extended', validFrom: isoDate(nowMs - 200 * DAY), validTo: isoDate(nowMs + 165 * DAY), note: 'Договор № 45-ТП от ' + isoDate(nowMs - 200 * DAY) },
      { match: { organization: 'АО «Вектор»' }, package: 'optimal', validFrom: isoDate(nowMs - 400 * DAY), validTo: isoDate(nowMs - 35 * DAY), note: 'Не продлён' },
    ],
  };
}

function goalPeriodMs(period: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([dhm])$/.exec(period.trim());
  if (!m) return 14 * DAY;
  return Number(m[1]) * ({ d: DAY, h: HOUR, m: MINUTE } as const)[m[2] as 'd' | 'h' | 'm'];
}

/**
 * Seeds the site, configures every demo project through the app's saveConfig resolver (as the
 * admin) and plays the requests' histories up to `nowMs`. Leaves the clock at `nowMs`.
 */
export async function seedDemo(host: LocalHost, opts: DemoOptions): Promise<DemoPlan> {
  const log = opts.log ?? (() => {});
  const em = host.emulator;
  const { steps, plan: p } = plan(host, opts);
  host.clock.set(p.startMs);
  em.seedSite({ projects: DEMO_PROJECTS.map((x) => ({ key: x.key, name: x.name, template: x.template })), users: DEMO_SITE_USERS });
  for (const project of DEMO_PROJECTS) {
    const res = (await em.invokeResolver(
      'saveConfig',
      { scope: project.key, config: demoConfig(project.template, opts.nowMs), baseVersion: null, comment: `Demo: template ${project.template}` },
      { accountId: DEMO_USERS.admin, extension: { type: 'jira:adminPage' } },
    )) as { ok: boolean; error?: { message: string } };
    if (!res || res.ok !== true) throw new Error(`demo: saving the ${project.template} configuration for ${project.key} failed: ${JSON.stringify(res?.error ?? res)}`);
    await em.drainQueue({ ignoreDelays: true });
  }
  log(`demo: ${DEMO_PROJECTS.length} projects configured; playing ${steps.length} actions from ${new Date(p.startMs).toISOString()}`);
  for (const step of steps) {
    if (step.at > host.clock.now()) {
      // About four sweeps a simulated day while catching up keeps auto-close near its due time.
      const sweeps = Math.max(1, Math.ceil((step.at - host.clock.now()) / (6 * HOUR)));
      await host.advanceTo(step.at, sweeps);
    }
    await step.run();
    await host.settle();
  }
  await host.advanceTo(opts.nowMs, Math.max(1, Math.ceil((opts.nowMs - host.clock.now()) / (6 * HOUR))));
  await em.runSweep();
  await em.drainQueue({ ignoreDelays: true });
  log(`demo: ${em.jira.allIssues().length} requests ready`);
  return p;
}
