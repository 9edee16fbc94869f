// The warnings the clocks report, as data: a code and its parameters, from one catalogue of
// English templates. The English text is rendered from them once (the CLI prints it); a UI says
// the same warning in its own language from the code and parameters, never by reading text back.

export const WARNING_TEMPLATES = {
  packageNotValid: 'package "{package}" of customer "{customer}" is not valid on {day} ({from} – {to}); default package "{default}" applies',
  customerUnknown: 'the customer of the request is not identified (no organization, e-mail hidden); default package "{default}" applies unless an agent sets the service package',
  unknownPackage: 'unknown package "{package}"; default package "{default}" applies',
  unknownPriority: 'unknown priority "{priority}"; default priority "{default}" applies',
  unknownPackageChange: 'unknown package "{package}" at {at}; the change is ignored',
  unknownPriorityChange: 'unknown priority "{priority}" at {at}; the change is ignored',
  noGoalForPackageAndPriority: '{clock}: no goal for package "{package}" and priority "{priority}"',
  noGoalForPackage: '{clock}: no goal for package "{package}"',
  cannotCompute: '{clock}: cannot be computed ({reason})',
  createdAfterNow: 'the request is created after now',
  // Written by the calendar's coverageWarnings (src/domain/calendar/coverage.ts); a test keeps them in step.
  noProductionData: '{day}: no production calendar data for {year}; weekdays counted as working days',
} as const;

export type WarningCode = keyof typeof WARNING_TEMPLATES;

type ParamsOf<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | ParamsOf<Rest> : never;
export type WarningParams<C extends WarningCode> = Readonly<Record<ParamsOf<(typeof WARNING_TEMPLATES)[C]>, string>>;

export interface WarningDetail {
  /** A WarningCode; 'other' only for text from outside the engine (e.g. a calendar import note). */
  readonly code: WarningCode | 'other';
  readonly params: Readonly<Record<string, string>>;
  /** The English text, as the engine reports it. */
  readonly text: string;
}

/** The English warning for `code`, e.g. warningText('unknownPackage', { package: 'gold', default: 'basic' }). */
export function warningText<C extends WarningCode>(code: C, params: WarningParams<C>): string {
  const values = params as Readonly<Record<string, string>>;
  return WARNING_TEMPLATES[code].replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}

/** A warning as data: the code and parameters, with the English text rendered from them once. */
export function warning<C extends WarningCode>(code: C, params: WarningParams<C>): WarningDetail {
  return { code, params: { ...(params as Readonly<Record<string, string>>) }, text: warningText(code, params) };
}

/** The calendar's production-data gaps over [fromMs, toMs] as warnings. */
export function coverageWarningDetails(gaps: ReadonlyArray<{ day: string; year: string }>): WarningDetail[] {
  return gaps.map((g) => warning('noProductionData', g));
}
