// The one package → calendar lookup: a package's own calendar, else the configuration's. Compiled
// calendars are cached per definition object by compileCalendar, so callers keep no cache of their own.

import { compileCalendar, type CalendarDef, type CompiledCalendar } from '../calendar';
import type { SlaConfig } from './types';

export interface PackageCalendar {
  readonly id: string;
  readonly def: CalendarDef;
  readonly cal: CompiledCalendar;
}

/** Throws when the configuration names a calendar it does not define (a parsed configuration never does). */
export function calendarForPackage(config: SlaConfig, packageId: string | null): PackageCalendar {
  const pkg = packageId === null ? undefined : config.packages.find((p) => p.id === packageId);
  const id = pkg?.calendarId ?? config.calendarId;
  const def = Object.hasOwn(config.calendars, id) ? config.calendars[id] : undefined;
  if (!def) throw new Error(`calendar "${id}" is not defined in the configuration`);
  return { id, def, cal: compileCalendar(def) };
}
