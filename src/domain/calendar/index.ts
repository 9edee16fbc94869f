// Public API of the calendar engine. Other modules import from here only.

export {
  calendarDefSchema,
  calendarNames,
  intervalSchema,
  intervalListSchema,
  productionYearSchema,
  parseCalendarDef,
  type CalendarDef,
  type CalendarDefInput,
  type ProductionYear,
  type WorkingInterval,
  type ParseResult,
} from './calendar-def';
export { CalendarError, type CalendarIssue } from './errors';
export { compileCalendar, CompiledCalendar } from './compile';
export { addWorking, workingBetween, isWorking, nextWorkingStart, workingSegmentsFrom, type Pauses } from './working-time';
export { addBusinessDays, yearStats, type YearStats, type MonthStats } from './business-days';
export { coverageGaps, coverageWarnings, coveredByProductionData, productionYearsOf } from './coverage';
export { parseGoal, tryParseGoal, goalToMs, goalSchema, type Goal, type GoalPart, type GoalUnit } from './goal';
export { CALENDAR_PRESETS, isCalendarPresetId, type CalendarPresetId } from './presets';
export { RU_PRODUCTION_CALENDAR, RU_PRODUCTION_YEARS, officialTotals, type OfficialTotals } from './production';
// The import parsers (import-xml, import-csv, import-ics) are not re-exported here: they pull
// fast-xml-parser, papaparse and ical.js, and everything that imports this barrel ends up in the
// one Forge function bundle. Import them from their own modules (src/app/admin.ts loads them lazily).
export { productionYearsFromImport, type CalendarImport } from './import-result';
