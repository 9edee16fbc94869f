import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportView, CalendarImportResult, CalendarPreview, FieldOption, IssueBadgeView, IssueSlaView, JiraStatusOption, QueueRow } from '../../src/shared/contract';
import { AGENT, CUSTOMER, DAY, HOUR, MINUTE, OTHER_CUSTOMER, startSite, type Site } from './forge-harness';

const panelExt = (key: string) => ({ type: 'jira:issuePanel', issue: { id: '0', key }, project: { id: '10000', key: 'SUP' } });

describe('UI resolvers on the emulator', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite({ template: 'altec' });
  });
  afterEach(() => site.close());

  it('gives the panel working segments to tick through, the package, the priority definition and history', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER, priority: '2' });
    site.advance(7 * HOUR + 30 * MINUTE); // 17:30 Moscow: half an hour of the day left
    const r = await site.call<IssueSlaView>('getIssueSla', {}, AGENT, panelExt(key));
    if (!r.ok) throw new Error(r.error.message);
    const v = r.data;
    expect(v.calendar.timezone).toBe('Europe/Moscow');
    expect(v.priority?.definition.ru.length).toBeGreaterThan(10);
    expect(v.package?.id).toBe(site.state(key).property?.package);
    // Russian agents read channels and inclusions in Russian: each channel in both languages, same address.
    const pkg = v.package!;
    expect(pkg.channelsLocalized).toHaveLength(pkg.channels.length);
    expect(pkg.channels.length).toBeGreaterThan(0);
    pkg.channelsLocalized!.forEach((ch, i) => {
      expect(ch.en).toBe(pkg.channels[i]);
      expect(ch.ru.split(': ').pop()).toBe(ch.en.split(': ').pop());
    });
    expect(pkg.channelsLocalized!.some((ch) => /[а-яё]/i.test(ch.ru))).toBe(true);
    expect(pkg.extrasLocalized).toHaveLength(pkg.extras.length);
    const resolution = v.clocks.find((c) => c.kind === 'resolution')!;
    expect(resolution.workingSegmentsAhead[0]).toEqual(['2026-03-02T17:30:00+03:00', '2026-03-02T18:00:00+03:00']);
    expect(resolution.workingSegmentsAhead[1]).toEqual(['2026-03-03T09:00:00+03:00', '2026-03-03T18:00:00+03:00']);
    expect(resolution.atRiskRemainingMinutes).toBe(1080 * 0.25);
    expect(v.history.map((h) => h.what)).toContain('started');
    expect(v.licensed).toBe(true);
  });

  it('shows the default package in effect with the lapsed customer package beside it, and a package in effect that expired later as expired', async () => {
    site.close();
    site = await startSite({ template: 'agentplus' });
    // The emulator's customers are in JSM organizations АО «Вектор» (Pavel) and ООО «Ромашка» (Olga); it is Monday 2 March 2026.
    // (Matched by organization: Jira hides their e-mail from the app, as under default privacy settings.)
    const state = await site.call<{ config: Record<string, unknown>; version: number }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const customers = [
      { match: { organization: 'АО «Вектор»' }, package: 'optimal', validFrom: '2025-02-28', validTo: '2026-02-27', note: 'not renewed' },
      { match: { organization: 'ООО «Ромашка»' }, package: 'extended', validFrom: '2026-01-01', validTo: '2026-03-03' },
    ];
    const saved = await site.call('saveConfig', { config: { ...state.data.config, customers }, baseVersion: state.data.version });
    if (!saved.ok) throw new Error(saved.error.message);
    await site.emu.drainQueue({ ignoreDelays: true });

    const lapsed = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'lapsed', reporter: OTHER_CUSTOMER });
    const current = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'current', reporter: CUSTOMER });
    const a = await site.panel(lapsed.key);
    if (!a.ok) throw new Error(a.error.message);
    expect(a.data.package).toEqual(
      expect.objectContaining({ id: 'basic', validFrom: null, validTo: null, expired: false, fallback: true, lapsed: { id: 'optimal', name: { ru: 'Оптимальный', en: 'Optimal' }, validFrom: '2025-02-28', validTo: '2026-02-27', expired: true } }),
    );
    // An agent who sets the default package by hand sees the same; it is just not an automatic fallback.
    const byHand = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'by hand', reporter: OTHER_CUSTOMER, package: 'basic' });
    const h = await site.panel(byHand.key);
    if (!h.ok) throw new Error(h.error.message);
    expect(h.data.package).toEqual(expect.objectContaining({ id: 'basic', validTo: null, expired: false, fallback: false, lapsed: expect.objectContaining({ id: 'optimal', validTo: '2026-02-27', expired: true }) }));
    const b = await site.panel(current.key);
    if (!b.ok) throw new Error(b.error.message);
    expect(b.data.package).toEqual(expect.objectContaining({ id: 'extended', validFrom: '2026-01-01', validTo: '2026-03-03', expired: false, fallback: false }));
    expect(b.data.package).not.toHaveProperty('lapsed');

    // Two days on the customer's package has ended; the request keeps the package it came in with.
    site.advance(2 * DAY);
    const later = await site.panel(current.key);
    if (!later.ok) throw new Error(later.error.message);
    expect(later.data.package).toEqual(expect.objectContaining({ id: 'extended', validTo: '2026-03-03', expired: true, fallback: false }));
    expect(later.data.package).not.toHaveProperty('lapsed');
  });

  it('badges the most urgent clock', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER, priority: '1' });
    site.advance(25 * MINUTE);
    const r = await site.call<IssueBadgeView>('getIssueBadge', {}, AGENT, panelExt(key));
    expect(r.ok && r.data).toEqual({ label: 'Reaction', state: 'atRisk', due: '2026-03-02T10:30:00+03:00' });
  });

  it('lists the queue most urgent first, from the stored property', async () => {
    const slow = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'slow', reporter: CUSTOMER, priority: '4' });
    const fast = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'fast', reporter: CUSTOMER, priority: '1' });
    site.emu.resetCalls();
    const r = await site.call<QueueRow[]>('getQueue', {}, AGENT, panelExt(fast.key));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.map((x) => x.issueKey)).toEqual([fast.key, slow.key]);
    expect(r.data[0]!.mostUrgent).toEqual(expect.objectContaining({ kind: 'reaction', state: 'running', remainingMinutes: 30 }));
    expect(site.emu.calls.filter((c) => c.kind === 'jira').map((c) => c.route)).toEqual(['POST /rest/api/3/search/jql']);
  });

  it('orders the queue and the badge by clocks still counting: a reaction answered late is history', async () => {
    const late = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'answered late', reporter: CUSTOMER, priority: '1' });
    site.advance(2 * HOUR);
    await site.emu.actions.comment(late.key, { author: AGENT, body: 'Sorry for the wait' });
    const reaction = site.state(late.key).property!.clocks.find((c) => c.kind === 'reaction');
    expect(reaction).toEqual(expect.objectContaining({ state: 'breached', stopped: true }));
    const fresh = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'fresh', reporter: CUSTOMER, priority: '1' });
    const r = await site.call<QueueRow[]>('getQueue', {}, AGENT, panelExt(fresh.key));
    if (!r.ok) throw new Error(r.error.message);
    const mine = r.data.filter((x) => x.issueKey === late.key || x.issueKey === fresh.key);
    expect(mine.map((x) => x.issueKey)).toEqual([fresh.key, late.key]);
    const lateRow = mine[1]!.mostUrgent!;
    expect(lateRow.kind).toBe('resolution');
    expect(lateRow.remainingMinutes).toBeGreaterThan(0);
    const badge = await site.call<IssueBadgeView>('getIssueBadge', {}, AGENT, panelExt(late.key));
    expect(badge.ok && badge.data.label).toBe('Resolution');
  });

  it('says where the package and priority in effect come from: the field, or the default while it is not set', async () => {
    const unset = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER });
    const a = await site.call<IssueSlaView>('getIssueSla', {}, AGENT, panelExt(unset.key));
    if (!a.ok) throw new Error(a.error.message);
    expect(a.data.package?.source).toBe('default');
    expect(a.data.priority).toEqual(expect.objectContaining({ id: '3', source: 'default' }));
    const set = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'b', reporter: CUSTOMER, priority: '2', package: '8x5x4' });
    const b = await site.call<IssueSlaView>('getIssueSla', {}, AGENT, panelExt(set.key));
    if (!b.ok) throw new Error(b.error.message);
    expect([b.data.package?.source, b.data.priority?.source]).toEqual(['field', 'field']);
  });

  it('the queue says the state the panel says between sweeps (breached once due passes), with the names of package and priority', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: '1' });
    site.advance(5 * HOUR); // past the 4h resolution goal; no sweep has run since creation
    const panel = await site.call<IssueSlaView>('getIssueSla', {}, AGENT, panelExt(key));
    if (!panel.ok) throw new Error(panel.error.message);
    const q = await site.call<QueueRow[]>('getQueue', {}, AGENT, panelExt(key));
    if (!q.ok) throw new Error(q.error.message);
    const row = q.data.find((r) => r.issueKey === key)!;
    const panelClock = panel.data.clocks.find((c) => c.kind === row.mostUrgent!.kind)!;
    expect(row.mostUrgent!.state).toBe(panelClock.state);
    expect(row.mostUrgent!.state).toBe('breached');
    expect(row.priorityName).toEqual({ ru: 'Приоритет 1', en: 'Priority 1' });
    expect(row.packageName?.ru.length).toBeGreaterThan(0);
  });

  it('offers the configured packages and priorities to the field editor and to JQL suggestions', async () => {
    const prios = await site.call<FieldOption[]>('getFieldOptions', { field: 'priority' }, AGENT, { type: 'jira:customField', project: { id: '10000', key: 'SUP' } });
    expect(prios.ok && prios.data.map((p) => p.id)).toEqual(['1', '2', '3', '4']);
    const suggestions = (await site.emu.fieldSuggestions('sla-priority', '2')) as Array<{ value: string; label: string }>;
    expect(suggestions.map((s) => s.value)).toEqual(['2']);
    // "SLA priority".Id takes ids, "SLA priority".Name the names the field shows.
    const byId = (await site.emu.fieldSuggestions('sla-priority', '2', undefined, 'Id')) as Array<{ value: string }>;
    expect(byId.map((s) => s.value)).toEqual(['2']);
    const byName = (await site.emu.fieldSuggestions('sla-priority', 'приоритет 2', undefined, 'Name')) as Array<{ value: string; label: string }>;
    expect(byName).toEqual([{ value: 'Приоритет 2', label: 'Приоритет 2 (2)' }]);
  });

  it('an agent\'s choice stored as { id, name } drives the clocks by its id, also after a change (changelog JSON)', async () => {
    const { key } = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'Касса', reporter: CUSTOMER, priority: { id: '3', name: 'Приоритет 3' } });
    expect(site.state(key).resolutionDue).toBe('2026-03-06T07:00:00Z'); // 4wd from Mon 10:00 Moscow
    await site.emu.actions.setField(key, 'priority', { id: '1', name: 'Приоритет 1' }, AGENT);
    await site.emu.drainQueue({ ignoreDelays: true });
    expect(site.state(key).resolutionDue).toBe('2026-03-02T11:00:00Z'); // 4h from Mon 10:00
    const view = await site.call<IssueSlaView>('getIssueSla', {}, AGENT, panelExt(key));
    expect(view.ok && view.data.priority?.id).toBe('1');
  });

  it('previews a calendar with official RU totals and imports a production calendar file', async () => {
    const state = await site.call<{ config: { calendars: Record<string, unknown>; calendarId: string } }>('getAdminState', {});
    if (!state.ok) throw new Error(state.error.message);
    const calendar = state.data.config.calendars[state.data.config.calendarId];
    const p = await site.call<CalendarPreview>('previewCalendar', { calendar, years: [2026], goals: ['4h'] });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.data.years[0]).toEqual(expect.objectContaining({ year: 2026, official: expect.objectContaining({ workingDays: p.data.years[0]!.workingDays }) }));
    expect(p.data.sampleDue).toEqual([{ goal: '4h', due: '2026-03-02T14:00:00+03:00' }]);
    const xml = readFileSync(join(__dirname, '../fixtures/calendar/ru-2026.xml'), 'utf8');
    const imp = await site.call<CalendarImportResult>('importCalendar', { format: 'xml', text: xml });
    expect(imp.ok && imp.data.years).toEqual([2026]);
    expect(imp.ok && imp.data.holidays).toContain('2026-01-01');
    const bad = await site.call('previewCalendar', { calendar: { timezone: 'Mars/Olympus', week: {} } });
    expect(bad.ok ? 'ok' : [bad.error.code, bad.error.issues?.[0]?.path]).toEqual(['INVALID_CONFIG', 'calendar.timezone']);
  });

  it('lists Jira statuses for the status-role mapping', async () => {
    const r = await site.call<JiraStatusOption[]>('listJiraStatuses', {});
    expect(r.ok && r.data.map((s) => [s.name, s.category])).toEqual(
      expect.arrayContaining([
        ['Open', 'new'],
        ['Resolved', 'done'],
      ]),
    );
  });

  it('reports on the requests the recompute recorded, for the projects the viewer may browse', async () => {
    await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'a', reporter: CUSTOMER, priority: '1' });
    const b = await site.emu.actions.createIssue({ projectKey: 'SUP', summary: 'b', reporter: CUSTOMER, priority: '2' });
    site.advance(10 * MINUTE);
    await site.emu.actions.comment(b.key, { author: AGENT, body: 'ok' });
    const r = await site.call<ReportView>('getReport', { from: '2026-03-01', to: '2026-03-31' }, AGENT, { type: 'jira:adminPage' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.total.requests).toBe(2);
    expect(r.data.total.clocks.reaction.met).toBe(1);
    expect(Object.keys(r.data.byPriority).sort()).toEqual(['1', '2']);
    const outsider = await site.call('getReport', { from: '2026-03-01', to: '2026-03-31', projectKey: 'NOPE' }, AGENT, { type: 'jira:adminPage' });
    expect(outsider.ok ? 'ok' : outsider.error.code).toBe('FORBIDDEN');
  });

  it('answers BAD_REQUEST with the path for a payload that fails its schema', async () => {
    const r = await site.call('restoreVersion', { version: 'one' });
    expect(r.ok ? 'ok' : [r.error.code, r.error.issues?.[0]?.path]).toEqual(['BAD_REQUEST', 'version']);
  });
});
