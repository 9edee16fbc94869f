/** Plain-text table with right-aligned numeric columns; no dependency, readable in any terminal and CI log. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const isNumeric = headers.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d\s.,×%]*$|^[\d\s.,]+[kM×]?$|^—$/.test(r[c] ?? '')));
  const fmt = (cells: ReadonlyArray<string>): string =>
    cells.map((cell, c) => (isNumeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [fmt(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

/** 14 123 456 → "14 123 456": thin grouping keeps eight-digit rates readable. */
export function formatInt(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return '—';
  return r >= 100 ? `${formatInt(r)}×` : `${r.toFixed(1)}×`;
}
