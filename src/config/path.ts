// How a place in the configuration is named to a person: `goals.resolution["2"]`,
// `packages[1].name.ru`, `calendars["main"].week.mon[0]`. Record keys (ids, dates) are quoted in
// brackets so an id like "2" or "8x5x4" is never mistaken for a field or an index.

type Seg = PropertyKey;

/** True when the segment at index `i` of `path` is a key of a record (an id or a date). */
function isRecordKey(path: readonly Seg[], i: number): boolean {
  const head = path[0];
  if (head === 'goals') return i >= 2; // goals.<clock>[pkg|prio][prio]
  if (head === 'calendars') {
    if (i === 1) return true;
    return i === 3 && (path[2] === 'dates' || path[2] === 'productionYears');
  }
  return false;
}

export function formatConfigPath(path: readonly Seg[]): string {
  let out = '';
  path.forEach((seg, i) => {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (isRecordKey(path, i)) out += `[${JSON.stringify(String(seg))}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  });
  return out;
}

export interface ConfigIssue {
  /** Where, as `formatConfigPath` writes it; '' for the whole configuration. */
  readonly path: string;
  readonly message: string;
}
