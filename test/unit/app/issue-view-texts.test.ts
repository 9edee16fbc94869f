// What the panel needs to speak Russian: warning codes with parameters, and the calendar's name in both languages.
import { buildIssueView } from '../../../src/app/issue-view';
import { calendarNames } from '../../../src/domain/calendar';
import { computeClocks } from '../../../src/domain/sla';
import type { SlaConfig, SlaRequest } from '../../../src/domain/sla/types';
import { TEMPLATES } from '../../../src/domain/templates';
import { FakeJira } from '../../fakes/fake-jira';

const MON_10 = Date.parse('2026-03-02T07:00:00Z');

function view(config: SlaConfig, request: SlaRequest, nowMs: number) {
  const jira = new FakeJira();
  jira.add('1', request, { name: 'Open', category: 'new' });
  return buildIssueView(jira.issues.get('1')!.facts, { scope: 'default', version: 1, config }, computeClocks(config, request, nowMs), nowMs, true);
}

describe('the issue view for the panel', () => {
  it('gives every warning a code and its parameters next to the English text', () => {
    const v = view(TEMPLATES.altec, { created: MON_10, priority: '9', events: [] }, MON_10 + 60_000);
    expect(v.warnings).toEqual(['unknown priority "9"; default priority "3" applies']);
    expect(v.warningDetails).toEqual([{ code: 'unknownPriority', params: { priority: '9', default: '3' }, text: v.warnings[0] }]);
  });

  it("names the template's calendar in Russian and English", () => {
    const v = view(TEMPLATES.agentplus, { created: MON_10, package: 'basic', events: [] }, MON_10);
    expect(v.calendar.name).toBe('Agent Plus: Mon–Fri 07:00–18:00 MSK');
    expect(v.calendar.names).toEqual({ ru: 'Агент Плюс: пн–пт 07:00–18:00 МСК', en: 'Agent Plus: Mon–Fri 07:00–18:00 MSK' });
  });
});

describe('calendarNames', () => {
  const names = { ru: 'Будни 9–18', en: 'Weekdays 9–18' };

  it('uses the names in both languages while the configured name is their English side', () => {
    expect(calendarNames({ name: 'Weekdays 9–18', names }, 'c')).toEqual(names);
    expect(calendarNames({ names }, 'c')).toEqual(names);
  });

  it('shows the name an admin typed once it no longer matches, rather than a stale translation', () => {
    expect(calendarNames({ name: 'Support desk hours', names }, 'c')).toEqual({ ru: 'Support desk hours', en: 'Support desk hours' });
  });

  it('falls back to the name, then the id, in both languages', () => {
    expect(calendarNames({ name: 'Own' }, 'c')).toEqual({ ru: 'Own', en: 'Own' });
    expect(calendarNames({}, 'c')).toEqual({ ru: 'c', en: 'c' });
  });
});
