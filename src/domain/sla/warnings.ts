// The warnings the clocks report, as one catalogue of English templates. The engine keeps its
// warnings as English strings (the CLI prints them, tests read them); the producers build them
// from these templates and `describeWarning` reads a string back into its code and parameters, so
// a UI can say it in another language. A string no template produces keeps the code 'other'.

export const WARNING_TEMPLATES = {
  packageNotValid: 'package "{package}" of customer "{customer}" is not valid on {day} ({from} – {to}); default package "{default}" applies',
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
  /** A WarningCode, or 'other' for a warning no template describes. */
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

interface Matcher {
  readonly code: WarningCode;
  readonly re: RegExp;
  readonly names: readonly string[];
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Longer fixed text first, so "no goal for package … and priority …" is not read as a package
// named `x" and priority "y`.
const MATCHERS: readonly Matcher[] = (Object.entries(WARNING_TEMPLATES) as Array<[WarningCode, string]>)
  .map(([code, template]) => {
    const names: string[] = [];
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => {
        const m = /^\{(\w+)\}$/.exec(part);
        if (!m) return escape(part);
        names.push(m[1]!);
        return '(.*?)';
      })
      .join('');
    return { code, re: new RegExp(`^${source}$`, 's'), names, fixed: template.replace(/\{\w+\}/g, '').length };
  })
  .sort((a, b) => b.fixed - a.fixed)
  .map(({ code, re, names }) => ({ code, re, names }));

/** The code and parameters of an engine warning; code 'other' when no template made it. */
export function describeWarning(text: string): WarningDetail {
  for (const m of MATCHERS) {
    const hit = m.re.exec(text);
    if (!hit) continue;
    const params: Record<string, string> = {};
    m.names.forEach((name, i) => {
      params[name] = hit[i + 1] ?? '';
    });
    return { code: m.code, params, text };
  }
  return { code: 'other', params: {}, text };
}

export function describeWarnings(texts: readonly string[]): WarningDetail[] {
  return texts.map(describeWarning);
}
