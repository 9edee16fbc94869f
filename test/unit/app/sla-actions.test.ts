import { slaConfigSchema } from '../../../src/config';
import { silentLogger } from '../../../src/app/ports';
import type { Computed } from '../../../src/app/computed';
import { afterComputeSteps, computeOne, recomputeBatch } from '../../../src/app/recompute-issue';
import { ActiveConfigs } from '../../../src/app/config-store';
import {
  ACTION_RETRY_MS,
  clockActionKey,
  clockMessage,
  dueActions,
  markerKey,
  nextCheckWithNotice,
  noticeKey,
  noticeText,
  runDueActions,
  STALE_BREACH_MS,
} from '../../../src/app/sla-actions';
import { parseJiraInstant } from '../../../src/app/stored-sla';
import { computeClocks } from '../../../src/domain/sla';
import type { SlaConfig, SlaRequest } from '../../../src/domain/sla/types';
import { TEMPLATES } from '../../../src/domain/templates';
import { FakeJira } from '../../fakes/fake-jira';
import { MemoryStore } from '../../fakes/memory-store';

const MON_10 = Date.parse('2026-03-02T07:00:00Z'); // 10:00 Moscow
const MINUTE = 60_000;
const DAY = 86_400_000;
const KVS_KEY = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

const ALL = {
  atRisk: [{ kind: 'notify', to: { assignee: true, watchers: false, reporter: false } }, { kind: 'comment' }],
  breached: [{ kind: 'notify', to: { assignee: true, watchers: true, reporter: false } }, { kind: 'label', label: 'просрочено' }, { kind: 'comment' }],
};

function altecWith(actions: Record<string, unknown>): SlaConfig {
  const raw = JSON.parse(JSON.stringify(TEMPLATES.altec)) as Record<string, unknown>;
  raw.actions = { ...(raw.actions as object), ...actions };
  return slaConfigSchema.parse(raw);
}

const everything = altecWith({ reaction: ALL, resolution: ALL, followUp: ALL });

function computed(config: SlaConfig, request: SlaRequest, nowMs: number, status = 'Open'): Computed {
  const jira = new FakeJira();
  jira.add('1', request, { name: status, category: status === 'Open' ? 'new' : 'done' });
  const facts = { ...jira.issues.get('1')!.facts, summary: 'Касса', assigneeAccountId: 'agent-1' };
  return computeOne(facts, { scope: 'default', version: 1, config }, request, nowMs, false);
}

describe('once-per-cycle keys', () => {
  it('names the clock, the cycle start, the trigger and the action, and is a valid KVS key even for a Cyrillic label', () => {
    const label = { kind: 'label', label: 'просрочено' } as const;
    const key = clockActionKey('followUp', MON_10, 'breached', label);
    expect(key).toMatch(/^followUp:1772434800000:breached:label-[0-9a-f]{8}$/);
    expect(markerKey('10001', key)).toMatch(KVS_KEY);
    expect(clockActionKey('followUp', MON_10 + MINUTE, 'breached', label)).not.toBe(key);
    expect(clockActionKey('followUp', MON_10, 'atRisk', label)).not.toBe(key);
    expect(clockActionKey('followUp', MON_10, 'breached', { kind: 'label', label: 'нарушено' })).not.toBe(key);
    expect(noticeKey(MON_10, 'before')).not.toBe(noticeKey(MON_10, 'onClose'));
  });

  it('plans the at-risk actions while the clock is at risk and the breach actions once it breached, never both', () => {
    const request: SlaRequest = { created: MON_10, priority: '1', events: [] };
    const atRisk = dueActions(everything, computeClocks(everything, request, MON_10 + 23 * MINUTE), false, MON_10 + 23 * MINUTE);
    expect(atRisk.map((a) => a.key)).toEqual([`reaction:${MON_10}:atRisk:notify`, `reaction:${MON_10}:atRisk:comment`]);
    const breached = dueActions(everything, computeClocks(everything, request, MON_10 + 31 * MINUTE), false, MON_10 + 31 * MINUTE);
    expect(breached.map((a) => a.key)).toEqual([`reaction:${MON_10}:breached:notify`, expect.stringMatching(/^reaction:\d+:breached:label-/), `reaction:${MON_10}:breached:comment`]);
  });

  it('keys a reopened resolution by the same cycle, so a second breach after a reopen does not fire again', () => {
    const t0 = MON_10;
    const first: SlaRequest = { created: t0, priority: '1', events: [{ at: t0 + 5 * 60 * MINUTE, type: 'status', to: 'Resolved' }] };
    const reopened: SlaRequest = { ...first, events: [...first.events, { at: t0 + 6 * 60 * MINUTE, type: 'status', to: 'In Progress' }] };
    const k1 = dueActions(everything, computeClocks(everything, first, t0 + 5 * 60 * MINUTE + 1), false, t0 + 5 * 60 * MINUTE + 1).filter((a) => a.key.startsWith('resolution'));
    const k2 = dueActions(everything, computeClocks(everything, reopened, t0 + 7 * 60 * MINUTE), false, t0 + 7 * 60 * MINUTE).filter((a) => a.key.startsWith('resolution'));
    expect(k1.length).toBeGreaterThan(0);
    expect(k2.map((a) => a.key)).toEqual(k1.map((a) => a.key));
  });

  it('keys each follow-up cycle by the customer comment that opened it', () => {
    const events: SlaRequest['events'] = [
      { at: MON_10 + 5 * MINUTE, type: 'comment', by: 'agent' },
      { at: MON_10 + 10 * MINUTE, type: 'comment', by: 'customer' },
    ];
    const now = MON_10 + 50 * MINUTE;
    const keys = dueActions(everything, computeClocks(everything, { created: MON_10, priority: '1', events }, now), false, now).map((a) => a.key);
    expect(keys).toContain(`followUp:${MON_10 + 10 * MINUTE}:breached:notify`);
  });

  it('leaves a breach alone when its clock stopped more than a day ago (history, not news)', () => {
    const request: SlaRequest = { created: MON_10, priority: '1', events: [{ at: MON_10 + 40 * MINUTE, type: 'comment', by: 'agent' }] };
    const soon = MON_10 + 41 * MINUTE;
    expect(dueActions(everything, computeClocks(everything, request, soon), false, soon).some((a) => a.key.startsWith('reaction:'))).toBe(true);
    const late = MON_10 + 40 * MINUTE + STALE_BREACH_MS + MINUTE;
    expect(dueActions(everything, computeClocks(everything, request, late), false, late).some((a) => a.key.startsWith('reaction:'))).toBe(false);
  });

  it('plans the before notice only between its instant and the auto-close, while the request is resolved', () => {
    const request: SlaRequest = { created: MON_10, priority: '3', events: [{ at: MON_10 + MINUTE, type: 'comment', by: 'agent' }, { at: MON_10 + 2 * MINUTE, type: 'status', to: 'Resolved' }] };
    const closeAt = MON_10 + 2 * MINUTE + 14 * DAY;
    const at = (now: number, resolved = true) => dueActions(TEMPLATES.altec, computeClocks(TEMPLATES.altec, request, now), resolved, now).map((a) => a.key);
    expect(at(closeAt - 3 * DAY - 1)).toEqual([]);
    expect(at(closeAt - 3 * DAY)).toEqual([noticeKey(closeAt, 'before')]);
    expect(at(closeAt - 3 * DAY, false)).toEqual([]);
    expect(at(closeAt)).toEqual([]);
  });

  it('brings the next check forward to the before notice, rounded up to the second, and back once it passed', () => {
    const request: SlaRequest = { created: MON_10, priority: '3', events: [{ at: MON_10 + MINUTE, type: 'comment', by: 'agent' }, { at: MON_10 + 2 * MINUTE + 400, type: 'status', to: 'Resolved' }] };
    const closeAt = MON_10 + 2 * MINUTE + 400 + 14 * DAY;
    const before = computeClocks(TEMPLATES.altec, request, MON_10 + DAY);
    expect(nextCheckWithNotice(TEMPLATES.altec, before, MON_10 + DAY)).toBe(closeAt - 3 * DAY - 400 + 1000);
    const after = computeClocks(TEMPLATES.altec, request, closeAt - DAY);
    expect(nextCheckWithNotice(TEMPLATES.altec, after, closeAt - DAY)).toBe(closeAt);
    expect(nextCheckWithNotice(TEMPLATES.pass24, computeClocks(TEMPLATES.pass24, { created: MON_10, priority: 'normal', events: [] }, MON_10), MON_10)).toBe(
      computeClocks(TEMPLATES.pass24, { created: MON_10, priority: 'normal', events: [] }, MON_10).nextCheckAt,
    );
  });
});

describe('texts', () => {
  const c = computed(everything, { created: MON_10, priority: '1', events: [] }, MON_10 + 31 * MINUTE);
  const reaction = c.clocks.reaction!;

  it('names the clock, the goal and the due instant in Russian and in English', () => {
    const p = { key: 'SUP-1', summary: 'Касса', clock: 'reaction' as const, trigger: 'breached' as const, subject: reaction, zone: 'Europe/Moscow' };
    expect(clockMessage(p, 'ru')).toEqual({
      subject: 'SUP-1: нарушен срок (время реакции)',
      text: 'Обращение SUP-1 «Касса»: нарушен срок — время реакции. Цель: 30m, срок истёк 02.03.2026 10:30 (МСК).',
    });
    expect(clockMessage(p, 'en')).toEqual({
      subject: 'SUP-1: SLA breached (reaction time)',
      text: 'Request SUP-1 "Касса": the reaction time goal is breached. Goal: 30m, it was due 2 Mar 2026, 10:30 (MSK).',
    });
  });

  it('says how much working time is left when a clock is at risk', () => {
    const risky = computed(everything, { created: MON_10, priority: '1', events: [] }, MON_10 + 23 * MINUTE).clocks.reaction!;
    const p = { key: 'SUP-1', summary: 'x', clock: 'reaction' as const, trigger: 'atRisk' as const, subject: risky, zone: 'Europe/Moscow' };
    expect(clockMessage(p, 'ru').text).toContain('осталось 7 мин рабочего времени');
    expect(clockMessage(p, 'en').text).toContain('7 min of working time left');
  });

  it('tells the customer when the request will close and that it closed, with the period in words', () => {
    const at = Date.parse('2026-03-16T07:00:00Z');
    expect(noticeText({ key: 'SUP-1', when: 'before', autoCloseAt: at, period: '14d', zone: 'Europe/Moscow' }, 'ru')).toContain('до 16.03.2026 10:00 (МСК) — иначе');
    expect(noticeText({ key: 'SUP-1', when: 'before', autoCloseAt: at, period: '14d', zone: 'Europe/Moscow' }, 'en')).toContain('before 16 Mar 2026, 10:00 (MSK);');
    expect(noticeText({ key: 'SUP-1', when: 'onClose', autoCloseAt: at, period: '24h', zone: 'Europe/Moscow' }, 'en')).toContain('no reply for 24 hours');
    expect(noticeText({ key: 'SUP-1', when: 'onClose', autoCloseAt: at, period: '24h', zone: 'Europe/Moscow' }, 'ru')).toContain('ответа не было 24 часа.');
    expect(noticeText({ key: 'SUP-1', when: 'onClose', autoCloseAt: at, period: '1d12h', zone: 'Europe/Moscow' }, 'ru')).toContain('ответа не было 1 день 12 часов.');
  });

  it('ends the auto-close sentence with one full stop after the period, in both languages', () => {
    const at = Date.parse('2026-03-16T07:00:00Z');
    const ru = noticeText({ key: 'SUP-1', when: 'onClose', autoCloseAt: at, period: '14d', zone: 'Europe/Moscow' }, 'ru');
    const en = noticeText({ key: 'SUP-1', when: 'onClose', autoCloseAt: at, period: '14d', zone: 'Europe/Moscow' }, 'en');
    expect(ru).toContain('после решения ответа не было 14 дней. Если вопрос');
    expect(en).toContain('no reply for 14 days after it was resolved.');
    for (const text of [ru, en]) expect(text).not.toMatch(/\.\./);
  });
});

describe('running the actions', () => {
  function setup() {
    const jira = new FakeJira();
    const store = new MemoryStore();
    return { jira, store, deps: { jira, store, log: silentLogger } };
  }

  it('does each action once when two runs race, the loser skipping what the winner marked', async () => {
    const { jira, store, deps } = setup();
    const now = MON_10 + 31 * MINUTE;
    const request: SlaRequest = { created: MON_10, priority: '1', events: [] };
    await Promise.all([runDueActions(deps, computed(everything, request, now), now), runDueActions(deps, computed(everything, request, now), now)]);
    await runDueActions(deps, computed(everything, request, now + 5 * MINUTE), now + 5 * MINUTE);
    expect(jira.notifications).toHaveLength(1);
    expect(jira.notifications[0]!.message).toEqual(expect.objectContaining({ subject: 'SUP-1: нарушен срок (время реакции)', to: { assignee: true, watchers: true, reporter: false } }));
    expect(jira.notifications[0]!.message.htmlBody).toBe(`<p>${jira.notifications[0]!.message.textBody.replace(/"/g, '&quot;')}</p>`);
    expect(jira.labels).toEqual([{ issueId: '1', label: 'просрочено' }]);
    expect(jira.comments).toEqual([expect.objectContaining({ internal: true })]);
    expect([...store.data.keys()].filter((k) => k.startsWith('act:1:reaction:'))).toHaveLength(3);
  });

  it('removes the marker of a failed action and asks the sweep to come back, which then does it', async () => {
    const { jira, store, deps } = setup();
    const now = MON_10 + 31 * MINUTE;
    const request: SlaRequest = { created: MON_10, priority: '1', events: [] };
    jira.failNext = 1;
    const c = computed(everything, request, now);
    const run = await runDueActions(deps, c, now);
    expect(run.failed).toBe(1);
    expect(jira.notifications).toHaveLength(0);
    expect(store.data.has(markerKey('1', `reaction:${MON_10}:breached:notify`))).toBe(false);
    expect(parseJiraInstant(c.stored.nextCheckAt!)).toBe(now + ACTION_RETRY_MS);
    const later = computed(everything, request, now + ACTION_RETRY_MS);
    const retry = await runDueActions(deps, later, now + ACTION_RETRY_MS);
    expect(retry.failed).toBe(0);
    expect(jira.notifications).toHaveLength(1);
    expect(jira.labels).toHaveLength(1);
  });

  it('acts from the trigger and sweep paths, and not from a bulk recompute', async () => {
    const { jira, store, deps } = setup();
    const request: SlaRequest = { key: 'SUP-1', created: MON_10, priority: '1', events: [] };
    jira.add('1', request, { name: 'Open', category: 'new' });
    const configs = new ActiveConfigs(new Map([['default', { scope: 'default', version: 1, config: everything }]]));
    const now = MON_10 + 31 * MINUTE;
    await recomputeBatch(deps, configs, [jira.issues.get('1')!.facts], { nowMs: now, after: [] });
    expect(jira.notifications).toHaveLength(0);
    await recomputeBatch(deps, configs, [jira.issues.get('1')!.facts], { nowMs: now, after: afterComputeSteps(deps) });
    expect(jira.notifications).toHaveLength(1);
    expect(store.data.size).toBeGreaterThan(0);
  });

  it('does nothing for a configuration saved before actions existed', async () => {
    const { jira, deps } = setup();
    const raw = JSON.parse(JSON.stringify(TEMPLATES.altec)) as Record<string, unknown>;
    delete raw.actions;
    const old = slaConfigSchema.parse(raw);
    expect(old.actions).toBeUndefined();
    const now = MON_10 + 31 * MINUTE;
    await runDueActions(deps, computed(old, { created: MON_10, priority: '1', events: [] }, now), now);
    expect(jira.notifications).toHaveLength(0);
    expect(jira.labels).toHaveLength(0);
  });
});
