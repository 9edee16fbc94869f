import type { IssueSlaView, PackageView } from '../../../src/shared/contract';
import { CALENDAR_PRESETS, compileCalendar, coverageGaps, coverageWarnings } from '../../../src/domain/calendar';
import { coverageWarningDetails, warning, type WarningDetail } from '../../../src/domain/sla';
import { warningMessage } from '../../../static/shared/i18n';
import { panelWarnings } from '../../../static/shared/warnings';
import { calendarLabel, calendarName } from '../../../static/admin/src/draft';

const lapsedWarning = warning('packageNotValid', {
  package: 'optimal', customer: 'Acme', day: '2026-11-20', from: '2025-10-18', to: '2026-10-18', default: 'basic',
});
const priorityWarning = warning('unknownPriority', { priority: 'p9', default: 'p3' });

const basic: PackageView = {
  id: 'basic', name: { ru: 'Базовый', en: 'Basic' }, channels: [], extras: [],
  validFrom: null, validTo: null, expired: false, fallback: true,
};
const lapsed = { id: 'optimal', name: { ru: 'Оптимальный', en: 'Optimal' }, validFrom: '2025-10-18', validTo: '2026-10-18', expired: true };

type WarningView = Pick<IssueSlaView, 'warningDetails' | 'package'>;
const view = (pkg: PackageView | null, details: WarningDetail[]): WarningView => ({
  warningDetails: details.map((w) => ({ code: w.code, params: { ...w.params }, text: w.text })),
  package: pkg,
});

describe('panel warnings', () => {
  it('leaves out the lapsed customer package warning when the package block names the lapsed package, and keeps the others', () => {
    const shown = panelWarnings(view({ ...basic, lapsed }, [lapsedWarning, priorityWarning]));
    expect(shown.map((w) => w.code)).toEqual(['unknownPriority']);
    expect(warningMessage(shown[0]!, 'ru')).toBe('Неизвестный приоритет «p9»; применяется приоритет по умолчанию «p3».');
  });

  it('keeps the customer package warning when the view names no lapsed package', () => {
    expect(panelWarnings(view(basic, [lapsedWarning])).map((w) => w.code)).toEqual(['packageNotValid']);
  });

  it('keeps a customer package warning about another package than the lapsed one', () => {
    const other = warning('packageNotValid', { package: 'premium', customer: 'Beta', day: '2026-11-20', from: '…', to: '2026-01-01', default: 'basic' });
    expect(panelWarnings(view({ ...basic, lapsed }, [other, lapsedWarning])).map((w) => w.text)).toEqual([other.text]);
  });
});

describe('calendar preview warnings', () => {
  it('says a real coverage warning of the calendar in Russian, date as DD.MM.YYYY', () => {
    const cal = compileCalendar(CALENDAR_PRESETS.agentplus);
    const [from, to] = [Date.parse('2027-12-01T10:00:00+03:00'), Date.parse('2028-02-01T10:00:00+03:00')];
    const texts = coverageWarnings(cal, from, to);
    expect(texts).toEqual(['2028-01-01: no production calendar data for 2028; weekdays counted as working days']);
    const details = coverageWarningDetails(coverageGaps(cal, from, to));
    expect(details.map((w) => warningMessage(w, 'ru'))).toEqual(['01.01.2028: нет данных производственного календаря на 2028 год; будни считаются рабочими днями.']);
    expect(details.map((w) => warningMessage(w, 'en'))).toEqual(texts);
  });

  it('shows a warning no template describes as it is', () => {
    expect(warningMessage({ code: 'other', params: {}, text: 'something new' }, 'ru')).toBe('something new');
  });
});

describe('calendar names on the admin page', () => {
  const named = { name: 'Altec: Mon–Fri 09:00–18:00 MSK', names: { ru: 'Алтек: пн–пт 09:00–18:00 МСК', en: 'Altec: Mon–Fri 09:00–18:00 MSK' } };

  it('uses the Russian name while the English one still matches the typed name, as the issue view does', () => {
    expect(calendarName(named, 'altec', 'ru')).toBe('Алтек: пн–пт 09:00–18:00 МСК');
    expect(calendarName(named, 'altec', 'en')).toBe('Altec: Mon–Fri 09:00–18:00 MSK');
    expect(calendarLabel(named, 'altec', 'ru')).toBe('Алтек: пн–пт 09:00–18:00 МСК (altec)');
  });

  it('shows the typed name in both languages once it was renamed and the translations are stale', () => {
    expect(calendarName({ ...named, name: 'Altec support' }, 'altec', 'ru')).toBe('Altec support');
  });

  it('falls back to the id for a calendar without a name', () => {
    expect(calendarName({}, 'cal2', 'ru')).toBe('cal2');
    expect(calendarLabel({}, 'cal2', 'ru')).toBe('cal2');
    expect(calendarLabel(undefined, 'cal2', 'en')).toBe('cal2');
  });
});
