import { useEffect, useId, useMemo, useState } from 'react';
import { CALENDAR_IMPORT_MAX_BYTES, invokeTextBytes, type CalendarImportResult, type CalendarPreview, type Envelope } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import { formatGoal, formatInstant } from '../../shared/format';
import { warningMessage } from '../../shared/i18n';
import { Message } from '../../shared/ui';
import { importErrorLines, importWarningText } from './import-words';
import { FieldIssues, ListArea, Section, SelectField, TextField, useAdmin } from './admin-context';
import { calendarLabel, calendarName, formatDateHours, formatIntervals, issuesAt, parseDateHours, parseDateLines, parseIntervals, parseMonthDays, pathOf, sampleGoals, WEEKDAYS, type Weekday } from './draft';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

function zones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Moscow', 'Europe/Kaliningrad', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Vladivostok', 'UTC'];
  }
}

function WeekEditor({ calId }: { calId: string }) {
  const { t, draft, update, issues } = useAdmin();
  const cal = draft.calendars[calId];
  if (!cal) return null;
  return (
    <table className="week">
      <caption className="visually-hidden">{t('calendar.week')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('calendar.day')}</th>
          <th scope="col">{t('calendar.intervals')}</th>
        </tr>
      </thead>
      <tbody>
        {WEEKDAYS.map((day: Weekday) => {
          const list = cal.week[day];
          const dayName = t(`weekday.${day}`);
          return (
            <tr key={day} data-day={day}>
              <th scope="row">{dayName}</th>
              <td>
                <div className="intervals">
                  {list.length === 0 ? <span className="subtle">{t('calendar.dayOff')}</span> : null}
                  {list.map(([start, end], i) => {
                    const rowPath = pathOf('calendars', calId, 'week', day, i);
                    const rowInvalid = issuesAt(issues, rowPath).length > 0;
                    return (
                    <div key={i} className="interval" role="group" aria-label={t('calendar.intervalLabel', { day: dayName, n: i + 1 })}>
                      <TextField hideLabel width="xs" label={t('calendar.from', { day: dayName, n: i + 1 })} value={start} placeholder="09:00" path={pathOf('calendars', calId, 'week', day, i, 0)} invalid={rowInvalid}
                        onChange={(v) => update((d) => { const iv = d.calendars[calId]?.week[day][i]; if (iv) iv[0] = v; })} />
                      <span aria-hidden="true">–</span>
                      <TextField hideLabel width="xs" label={t('calendar.to', { day: dayName, n: i + 1 })} value={end} placeholder="18:00" path={pathOf('calendars', calId, 'week', day, i, 1)} invalid={rowInvalid}
                        onChange={(v) => update((d) => { const iv = d.calendars[calId]?.week[day][i]; if (iv) iv[1] = v; })} />
                      <button type="button" className="button button--subtle" aria-label={t('calendar.removeInterval', { day: dayName, n: i + 1 })}
                        onClick={() => update((d) => { d.calendars[calId]?.week[day].splice(i, 1); })}>
                        ×
                      </button>
                      <FieldIssues path={rowPath} />
                    </div>
                    );
                  })}
                  <button type="button" className="button button--subtle" aria-label={t('calendar.addIntervalTo', { day: dayName })}
                    onClick={() => update((d) => {
                      const week = d.calendars[calId]?.week[day];
                      if (!week) return;
                      const last = week[week.length - 1];
                      week.push(last ? [last[1], last[1] === '24:00' ? '24:00' : '18:00'] : ['09:00', '18:00']);
                    })}>
                    + {t('calendar.addInterval')}
                  </button>
                </div>
                <FieldIssues path={pathOf('calendars', calId, 'week', day)} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function dateList(field: 'holidays' | 'workingDates' | 'shortDates') {
  return {
    format: (v: readonly string[]) => v.join('\n'),
    parse: (text: string) => { const r = parseDateLines(text); return { value: r.dates, problems: r.problems }; },
    field,
  };
}

function ImportBox({ calId }: { calId: string }) {
  const { t, update } = useAdmin();
  const fileId = useId();
  const [result, setResult] = useState<Envelope<CalendarImportResult> | null>(null);
  const [format, setFormat] = useState<'xml' | 'csv' | 'ics'>('xml');
  // The page's own refusals (format, size) are sentences already; the backend's are data, said in words.
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState(false);

  const onFile = async (file: File) => {
    const ext = file.name.toLowerCase().split('.').pop() ?? '';
    const format = ext === 'xml' ? 'xml' : ext === 'csv' ? 'csv' : ext === 'ics' || ext === 'ical' ? 'ics' : null;
    if (!format) {
      setResult(null);
      setRefused(t('import.unknownFormat', { name: file.name }));
      return;
    }
    const text = await file.text();
    // Forge refuses an invoke over 500 KB before the resolver sees it: say so here, in bytes.
    const bytes = invokeTextBytes(text);
    if (bytes > CALENDAR_IMPORT_MAX_BYTES) {
      setResult(null);
      setRefused(t('import.tooLarge', { name: file.name, kb: String(Math.ceil(bytes / 1000)), max: String(CALENDAR_IMPORT_MAX_BYTES / 1000) }));
      return;
    }
    setBusy(true);
    setApplied(false);
    setRefused(null);
    setFormat(format);
    setResult(await call('importCalendar', { format, text }));
    setBusy(false);
  };

  const apply = (r: CalendarImportResult) => {
    update((d) => {
      const cal = d.calendars[calId];
      if (!cal) return;
      for (const year of r.years) {
        const inYear = (list: string[]) => list.filter((x) => x.startsWith(`${year}-`));
        cal.productionYears[String(year)] = { holidays: inYear(r.holidays), workingWeekends: inYear(r.workingDates), shortDays: inYear(r.shortDates) };
      }
    });
    setApplied(true);
  };

  return (
    <div className="import">
      <h3>{t('import.title')}</h3>
      <p className="subtle">{t('import.intro')}</p>
      <label htmlFor={fileId}>{t('import.file')}</label>{' '}
      <input id={fileId} type="file" accept=".xml,.csv,.ics,.ical,text/xml,text/csv,text/calendar" onChange={(e) => { const f = e.target.files?.[0]; if (f) void onFile(f); }} />
      {busy ? <p role="status">{t('import.reading')}</p> : null}
      {result && !result.ok ? (
        <Message tone="error" role="alert">
          <p>{t('import.failed')}</p>
          <ul className="import__errors">{importErrorLines(result.error, format, t, CALENDAR_IMPORT_MAX_BYTES / 1000).map((line, i) => <li key={i}>{line}</li>)}</ul>
        </Message>
      ) : null}
      {refused ? <Message tone="error" role="alert"><p>{refused}</p></Message> : null}
      {result && result.ok ? (
        <div className="import__preview" data-testid="import-preview">
          <p>{t('import.summary', { format: result.data.format.toUpperCase(), years: result.data.years.join(', '), holidays: result.data.holidays.length, working: result.data.workingDates.length, short: result.data.shortDates.length })}</p>
          {result.data.warnings.length > 0 ? <ul className="warnings">{result.data.warnings.map((w) => <li key={w}>{importWarningText(w, t)}</li>)}</ul> : null}
          <button type="button" className="button" disabled={applied} onClick={() => apply(result.data)}>{applied ? t('import.applied') : t('import.apply')}</button>
        </div>
      ) : null}
    </div>
  );
}

function Preview({ calId }: { calId: string }) {
  const { t, draft, lang, locale, timeZone } = useAdmin();
  const cal = draft.calendars[calId];
  const goals = sampleGoals(draft);
  const debounced = useDebounced(cal, 400);
  const goalsKey = goals.join('|');
  const [preview, setPreview] = useState<Envelope<CalendarPreview> | null>(null);
  const year = new Date().getFullYear();
  useEffect(() => {
    if (!debounced) return;
    let live = true;
    void call('previewCalendar', { calendar: debounced, years: [year, year + 1], ...(goalsKey ? { goals: goalsKey.split('|') } : {}) }).then((p) => { if (live) setPreview(p); });
    return () => { live = false; };
  }, [debounced, year, goalsKey]);
  if (!preview) return <p className="subtle" role="status">{t('preview.loading')}</p>;
  if (!preview.ok) return <Message tone="warning"><p>{t('preview.failed', { message: preview.error.message })}</p></Message>;
  const p = preview.data;
  return (
    <div className="preview" data-testid="calendar-preview">
      <h3>{t('preview.title')}</h3>
      <table className="table">
        <caption className="visually-hidden">{t('preview.totals')}</caption>
        <thead>
          <tr><th scope="col">{t('preview.year')}</th><th scope="col">{t('preview.days')}</th><th scope="col">{t('preview.hours')}</th><th scope="col">{t('preview.official')}</th></tr>
        </thead>
        <tbody>
          {p.years.map((y) => (
            <tr key={y.year}>
              <th scope="row">{y.year}</th>
              <td>{y.workingDays}</td>
              <td>{Math.round(y.workingHours * 10) / 10}</td>
              <td>{y.official ? t('preview.officialValue', { days: y.official.workingDays, hours: y.official.hours40 }) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.sampleDue.length > 0 ? (
        <ul className="sample-due">
          {p.sampleDue.map((s) => (
            <li key={s.goal}>{t('preview.sampleDue', { goal: formatGoal(s.goal, locale), due: formatInstant(s.due, { locale, userZone: timeZone, calendarZone: p.timezone }) })}</li>
          ))}
        </ul>
      ) : null}
      {p.warningDetails.length > 0 ? <Message tone="warning"><ul className="warnings">{p.warningDetails.map((w) => <li key={w.text}>{warningMessage(w, lang)}</li>)}</ul></Message> : null}
    </div>
  );
}

export function CalendarSection() {
  const { t, draft, lang, update } = useAdmin();
  const calIds = Object.keys(draft.calendars);
  const [selected, setSelected] = useState(draft.calendarId);
  const calId = calIds.includes(selected) ? selected : (calIds[0] ?? draft.calendarId);
  const cal = draft.calendars[calId];
  const zoneList = useMemo(zones, []);
  const zonesId = useId();
  const base = (...rest: Array<string | number>) => pathOf('calendars', calId, ...rest);

  return (
    <Section id="calendar" title={t('calendar.title')} intro={t('calendar.intro')}>
      <div className="row">
        <SelectField label={t('calendar.pick')} value={calId} onChange={setSelected} options={calIds.map((id) => ({ value: id, label: calendarLabel(draft.calendars[id], id, lang) }))} />
        <SelectField label={t('calendar.main')} value={draft.calendarId} path="calendarId" onChange={(v) => update((d) => { d.calendarId = v; })} options={calIds.map((id) => ({ value: id, label: id }))} />
        <button type="button" className="button" onClick={() => {
          let n = calIds.length + 1;
          while (draft.calendars[`calendar${n}`]) n++;
          const id = `calendar${n}`;
          update((d) => { const from = d.calendars[calId]; if (from) d.calendars[id] = { ...structuredClone(from), name: t('calendar.copyName', { name: calendarName(from, calId, lang) }) }; });
          setSelected(id);
        }}>+ {t('calendar.add')}</button>
      </div>
      {!cal ? null : (
        <>
          <div className="row">
            <TextField label={t('calendar.name')} value={cal.name ?? ''} path={base('name')} width="l" onChange={(v) => update((d) => { const c = d.calendars[calId]; if (c) c.name = v; })} />
            <TextField label={t('calendar.timezone')} value={cal.timezone} path={base('timezone')} list={zonesId} onChange={(v) => update((d) => { const c = d.calendars[calId]; if (c) c.timezone = v; })} />
            <datalist id={zonesId}>{zoneList.map((z) => <option key={z} value={z} />)}</datalist>
          </div>
          <div className="row">
            <div className="field">
              <label className="checkbox">
                <input type="checkbox" checked={cal.productionCalendar === 'RU'} onChange={(e) => update((d) => { const c = d.calendars[calId]; if (!c) return; if (e.target.checked) c.productionCalendar = 'RU'; else delete c.productionCalendar; })} />
                {t('calendar.production')}
              </label>
            </div>
            <TextField type="number" width="s" min={0} max={1440} label={t('calendar.shortenBy')} value={String(cal.shortenBy)} path={base('shortenBy')}
              onChange={(v) => update((d) => { const c = d.calendars[calId]; if (c) c.shortenBy = v === '' ? 0 : Number(v); })} />
          </div>
          <WeekEditor calId={calId} />
          <div className="grid-2">
            {([['holidays', 'calendar.holidays'], ['workingDates', 'calendar.workingDates'], ['shortDates', 'calendar.shortDates']] as const).map(([field, key]) => {
              const l = dateList(field);
              return (
                <ListArea key={field} label={t(key)} hint={t('list.datesHint')} path={base(field)} value={cal[field]} format={l.format} parse={l.parse}
                  apply={(v) => update((d) => { const c = d.calendars[calId]; if (c) c[field] = v; })} />
              );
            })}
            <ListArea label={t('calendar.dates')} hint={t('list.dateHoursHint')} path={base('dates')} value={cal.dates} format={formatDateHours}
              parse={(text) => { const r = parseDateHours(text); return { value: r.dates, problems: r.problems }; }}
              apply={(v) => update((d) => { const c = d.calendars[calId]; if (c) c.dates = v; })} />
            <ListArea label={t('calendar.recurring')} hint={t('list.monthDaysHint')} path={base('recurringHolidays')} value={cal.recurringHolidays} format={(v) => v.join('\n')}
              parse={(text) => { const r = parseMonthDays(text); return { value: r.days, problems: r.problems }; }}
              apply={(v) => update((d) => { const c = d.calendars[calId]; if (c) c.recurringHolidays = v; })} />
            <ListArea rows={1} label={t('calendar.holidayHours')} hint={t('list.holidayHoursHint')} path={base('holidayHours')} value={cal.holidayHours}
              format={(v) => (v.length === 0 ? '' : formatIntervals(v))}
              parse={(text) => { const v = parseIntervals(text); return v === null ? { value: cal.holidayHours, problems: [{ line: 1, code: 'intervals' }] } : { value: v, problems: [] }; }}
              apply={(v) => update((d) => { const c = d.calendars[calId]; if (c) c.holidayHours = v; })} />
          </div>
          <ImportBox calId={calId} />
          <Preview calId={calId} />
        </>
      )}
    </Section>
  );
}
