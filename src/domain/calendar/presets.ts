// Calendars of the five regulations (DOMAIN.md's template table) and a 24/7 calendar.

import { calendarDefSchema, type CalendarDef, type CalendarDefInput, type WorkingInterval } from './calendar-def';

const weekdays = (intervals: WorkingInterval[]) => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
});

const nineToSix: CalendarDefInput = {
  timezone: 'Europe/Moscow',
  week: weekdays([['09:00', '18:00']]),
  productionCalendar: 'RU',
  shortenBy: 60,
};

const inputs = {
  agentplus: {
    name: 'Agent Plus: Mon–Fri 07:00–18:00 MSK',
    names: { ru: 'Агент Плюс: пн–пт 07:00–18:00 МСК', en: 'Agent Plus: Mon–Fri 07:00–18:00 MSK' },
    timezone: 'Europe/Moscow',
    week: weekdays([['07:00', '18:00']]),
    productionCalendar: 'RU',
    shortenBy: 60,
  },
  advantshop: {
    name: 'AdvantShop: Mon–Fri 08:00–20:00, weekends and holidays 09:00–18:00 MSK',
    names: {
      ru: 'ADVANTSHOP: пн–пт 08:00–20:00, выходные и праздники 09:00–18:00 МСК',
      en: 'AdvantShop: Mon–Fri 08:00–20:00, weekends and holidays 09:00–18:00 MSK',
    },
    timezone: 'Europe/Moscow',
    week: { ...weekdays([['08:00', '20:00']]), sat: [['09:00', '18:00']], sun: [['09:00', '18:00']] },
    holidayHours: [['09:00', '18:00']],
    productionCalendar: 'RU',
    shortenBy: 0,
  },
  pass24: { ...nineToSix, name: 'PASS24: Mon–Fri 09:00–18:00 MSK', names: { ru: 'PASS24: пн–пт 09:00–18:00 МСК', en: 'PASS24: Mon–Fri 09:00–18:00 MSK' } },
  altec: { ...nineToSix, name: 'Altec: Mon–Fri 09:00–18:00 MSK', names: { ru: 'Алтек: пн–пт 09:00–18:00 МСК', en: 'Altec: Mon–Fri 09:00–18:00 MSK' } },
  barier: { ...nineToSix, name: 'Barier: Mon–Fri 09:00–18:00 MSK', names: { ru: 'Барьер: пн–пт 09:00–18:00 МСК', en: 'Barier: Mon–Fri 09:00–18:00 MSK' } },
  '24x7': {
    name: '24/7 (UTC)',
    names: { ru: 'Круглосуточно (UTC)', en: '24/7 (UTC)' },
    timezone: 'UTC',
    week: {
      mon: [['00:00', '24:00']],
      tue: [['00:00', '24:00']],
      wed: [['00:00', '24:00']],
      thu: [['00:00', '24:00']],
      fri: [['00:00', '24:00']],
      sat: [['00:00', '24:00']],
      sun: [['00:00', '24:00']],
    },
  },
} satisfies Record<string, CalendarDefInput>;

export type CalendarPresetId = keyof typeof inputs;

/** Validated preset calendars by id: agentplus, advantshop, pass24, altec, barier, 24x7. */
export const CALENDAR_PRESETS: Readonly<Record<CalendarPresetId, CalendarDef>> = Object.freeze(
  Object.fromEntries(Object.entries(inputs).map(([id, def]) => [id, Object.freeze(calendarDefSchema.parse(def))])) as Record<
    CalendarPresetId,
    CalendarDef
  >,
);

export function isCalendarPresetId(id: string): id is CalendarPresetId {
  return Object.prototype.hasOwnProperty.call(CALENDAR_PRESETS, id);
}
