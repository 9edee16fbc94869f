// Demo data for the local host: one project per regulation template, each configured through the
// app's own saveConfig resolver, and 20–40 requests per project played through the emulator's
// human actions at past simulated instants (the clock walks forward through the weeks, the
// scheduled sweep runs along the way), so that at the end every clock state is on screen:
// running, at risk, paused, met, breached and auto-closed. Deterministic for a given seed and now.
import { goalToMs, workingBetween, addWorking, type CompiledCalendar, compileCalendar } from '../domain/calendar';
import { TEMPLATES, type TemplateId } from '../domain/templates';
import { seededRandom } from './emulator/faults';
import { DEFAULT_USERS } from './emulator';
import type { LocalHost } from './host';

export const DEMO_PROJECTS: ReadonlyArray<{ key: string; name: string; template: TemplateId }> = [
  { key: 'AGENTPLUS', name: 'Агент Плюс — техподдержка', template: 'agentplus' },
  { key: 'ADV', name: 'AdvantShop — поддержка', template: 'advantshop' },
  { key: 'PASS', name: 'PASS24.online — поддержка', template: 'pass24' },
  { key: 'ALTEC', name: 'Альтек — сопровождение', template: 'altec' },
  { key: 'BARIER', name: 'Барьер — техподдержка', template: 'barier' },
];

export const DEMO_USERS = {
  admin: '557058:admin-anna',
  agents: ['557058:agent-ivan', '557058:agent-maria'],
  customers: ['qm:customer-romashka', 'qm:customer-vektor', 'qm:customer-north'],
} as const;

export type Archetype = 'running' | 'atRisk' | 'paused' | 'met' | 'breached' | 'autoClosed';

const SUMMARIES = [
  'Не открывается личный кабинет',
  'Ошибка при выгрузке отчёта в Excel',
  'Не приходят уведомления на почту',
  'Вопрос по настройке прав доступа',
  'Сбой синхронизации с 1С',
  'Зависает при запуске после обновления',
  'Нужна консультация по тарифу',
  'Не печатаются пропуска',
  'Медленно работает поиск',
  'Checkout page returns error 500',
  'How do I add a second administrator?',
  'Import of the price list fails',
  'Не работает интеграция с телефонией',
  'Просим продлить лицензию',
  'Неверно считается НДС в счёте',
  'Не удаётся восстановить пароль',
];

const AGENT_REPLIES = ['Здравствуйте! Приняли в работу, уточняем детали.', 'Добрый день, проверяем. Сообщим результат.', 'Hello! We are looking into it.'];
const CUSTOMER_REPLIES = ['Спасибо, жду.', 'Проблема повторилась, прикладываю скриншот.', 'Any update on this?'];

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
      const summary = `${pick(SUMMARIES)} (#${n + 1})`;
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
        key = (await a.createIssue({ projectKey: project.key, summary, reporter, package: pkg, ...(prio ? { priority: prio } : {}) })).key;
      });
      const reactionMs = reactionGoal ? goalToMs(cal, created, reactionGoal) : HOUR;
      const resolutionMs = resolutionGoal ? goalToMs(cal, created, resolutionGoal) : 4 * HOUR;
      const answer = (frac: number): number => addWorking(cal, created, Math.min(reactionMs * frac, resolutionMs * 0.4));
      if (archetype === 'paused') {
        const t1 = answer(0.3);
        add(t1, () => a.comment(key, { author: agent, body: pick(AGENT_REPLIES) }));
        add(t1 + MINUTE, () => a.transition(key, 'In Progress', agent));
        add(addWorking(cal, t1, Math.min(HOUR, resolutionMs * 0.2)), () => a.transition(key, 'Waiting for customer', agent));
      } else if (archetype === 'met') {
        const t1 = answer(0.3);
        add(t1, () => a.comment(key, { author: agent, body: pick(AGENT_REPLIES) }));
        add(t1 + MINUTE, () => a.transition(key, 'In Progress', agent));
        if (n % 4 === 3 && priorities.length > 1) add(t1 + 2 * MINUTE, () => a.setField(key, 'priority', pick(priorities), agent));
        if (n % 5 === 4) add(t1 + 3 * MINUTE, () => a.comment(key, { author: agent, body: 'Внутренняя заметка: воспроизвели на стенде.', internal: true }));
        const resolvedAt = addWorking(cal, created, resolutionMs * 0.6);
        add(Math.max(resolvedAt, t1 + 5 * MINUTE), () => a.transition(key, 'Resolved', agent));
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
        // Without an auto-close rule the agent closes it by hand two days later.
        if (autoCloseMs === null) add(resolvedAt + 2 * DAY, () => a.transition(key, 'Closed', agent));
      }
      if (archetype === 'running' && n % 3 === 0) {
        add(created + 5 * MINUTE, () => a.comment(key, { author: reporter, body: pick(CUSTOMER_REPLIES) }));
      }
      if (archetype === 'paused' && n % 2 === 0) {
        // A follow-up question from the customer, answered, then waiting again.
        const t2 = created + DAY;
        add(t2, () => a.comment(key, { author: reporter, body: pick(CUSTOMER_REPLIES) }));
      }
    }
    out.projects.push({ key: project.key, template: project.template, requests });
  }
  steps.sort((x, y) => x.at - y.at || x.order - y.order);
  out.startMs = Math.min(...steps.map((s) => s.at), now) - HOUR;
  return { steps: steps.filter((s) => s.at < now), plan: out };
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
  em.seedSite({ projects: DEMO_PROJECTS.map((x) => ({ key: x.key, name: x.name, template: x.template })), users: DEFAULT_USERS });
  for (const project of DEMO_PROJECTS) {
    const res = (await em.invokeResolver(
      'saveConfig',
      { scope: project.key, config: TEMPLATES[project.template], baseVersion: null, comment: `Demo: template ${project.template}` },
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
