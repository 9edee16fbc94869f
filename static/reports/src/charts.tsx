// Plain SVG charts (no chart library: a few hundred bytes of markup beat a 100 KB dependency).
// Colours come from CSS classes on design tokens; every chart has a text alternative.
import type { ReactNode } from 'react';

// About the width a chart card gets at 1400 px (three cards a row), so the SVG is drawn near 1:1
// and its 13-unit axis labels read as 12-13 px instead of shrinking to 8 px.
const W = 440;
const H = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 40 };
const innerW = W - PAD.left - PAD.right;
const innerH = H - PAD.top - PAD.bottom;

function Frame({ title, desc, children }: { title: string; desc: string; children: ReactNode }) {
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
      <title>{title}</title>
      <desc>{desc}</desc>
      {children}
    </svg>
  );
}

/** The axis top for counts: four ticks of a 1-2-5 step, so every tick is a whole number. */
function niceMax(max: number): number {
  if (max <= 4) return 4;
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= raw && Number.isInteger(m * pow)) return m * pow * 4;
  return 40 * pow;
}

function YAxis({ max, format }: { max: number; format: (v: number) => string }) {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  return (
    <g className="chart__axis">
      {ticks.map((v) => {
        const y = PAD.top + innerH - (v / max) * innerH;
        return (
          <g key={v}>
            <line className="chart__grid" x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} />
            <text x={PAD.left - 6} y={y + 4} textAnchor="end">
              {format(v)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export interface LineSeries {
  readonly name: string;
  readonly className: string;
  readonly points: ReadonlyArray<number | null>;
}

/** A label cut to what fits in `width` SVG units at the axis font (about 7 units a character). */
function fit(label: string, width: number): string {
  const max = Math.max(3, Math.floor(width / 7));
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/**
 * Lines over categories (months, weeks). A category without a value (no clock judged that week)
 * is bridged by a dashed line between its neighbours, so sparse weeks still read as a line, not
 * as scattered dots. Y is a percentage.
 */
export function LineChart({ title, desc, categories, series }: { title: string; desc: string; categories: readonly string[]; series: readonly LineSeries[] }) {
  // Inset so the first and last category labels are not clipped at the edges.
  const inset = 28;
  const x = (i: number): number => PAD.left + inset + (categories.length <= 1 ? (innerW - 2 * inset) / 2 : (i / (categories.length - 1)) * (innerW - 2 * inset));
  const y = (v: number): number => PAD.top + innerH - (v / 100) * innerH;
  return (
    <Frame title={title} desc={desc}>
      <YAxis max={100} format={(v) => `${v}%`} />
      <g className="chart__axis">
        {categories.map((c, i) =>
          // Every category has its point; labels only as many as fit side by side.
          i % Math.max(1, Math.ceil((categories.length * 48) / (innerW - 2 * inset))) === 0 ? (
            <text key={c} x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle">
              {c}
            </text>
          ) : null,
        )}
      </g>
      {series.map((s) => {
        const solid: string[] = [];
        const bridges: string[] = [];
        let prev: number | null = null;
        s.points.forEach((p, i) => {
          if (p === null) return;
          if (prev !== null) {
            const d = `M${x(prev).toFixed(1)},${y(s.points[prev]!).toFixed(1)}L${x(i).toFixed(1)},${y(p).toFixed(1)}`;
            (i - prev === 1 ? solid : bridges).push(d);
          }
          prev = i;
        });
        return (
          <g key={s.name} className={s.className}>
            {solid.length > 0 ? <path className="chart__line" d={solid.join('')} /> : null}
            {bridges.length > 0 ? <path className="chart__line chart__line--gap" d={bridges.join('')} /> : null}
            {s.points.map((p, i) =>
              p === null ? null : (
                <circle key={categories[i]} className="chart__dot" cx={x(i)} cy={y(p)} r={3}>
                  <title>{`${s.name}, ${categories[i]}: ${p}%`}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
    </Frame>
  );
}

export interface BarGroup {
  readonly label: string;
  readonly values: ReadonlyArray<{ readonly name: string; readonly className: string; readonly value: number }>;
}

/** Grouped vertical bars (breaches per priority, one bar per clock). */
export function BarChart({ title, desc, groups }: { title: string; desc: string; groups: readonly BarGroup[] }) {
  const max = niceMax(Math.max(0, ...groups.flatMap((g) => g.values.map((v) => v.value))));
  const slot = innerW / Math.max(1, groups.length);
  const bars = Math.max(1, groups[0]?.values.length ?? 1);
  const barW = Math.min(28, (slot * 0.8) / bars);
  return (
    <Frame title={title} desc={desc}>
      <YAxis max={max} format={(v) => (Number.isInteger(v) ? String(v) : v.toFixed(1))} />
      {groups.map((g, gi) => {
        const x0 = PAD.left + gi * slot + (slot - barW * bars) / 2;
        return (
          <g key={g.label}>
            {g.values.map((v, vi) => {
              const h = (v.value / max) * innerH;
              return (
                <rect key={v.name} className={`chart__bar ${v.className}`} x={x0 + vi * barW} y={PAD.top + innerH - h} width={barW - 2} height={h}>
                  <title>{`${g.label}, ${v.name}: ${v.value}`}</title>
                </rect>
              );
            })}
            <text className="chart__axis" x={PAD.left + gi * slot + slot / 2} y={H - PAD.bottom + 18} textAnchor="middle">
              <title>{g.label}</title>
              {fit(g.label, slot - 4)}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}

export interface HistogramBar {
  readonly from: number;
  readonly to: number | null;
  readonly count: number;
  readonly breached: number;
}

/** A histogram of working minutes with a vertical goal line. */
export function Histogram({ title, desc, bins, goal, goalLabel, binLabel }: {
  title: string;
  desc: string;
  bins: readonly HistogramBar[];
  goal: number | null;
  goalLabel: string;
  binLabel: (b: HistogramBar) => string;
}) {
  const max = niceMax(Math.max(0, ...bins.map((b) => b.count)));
  const slot = innerW / Math.max(1, bins.length);
  // Bins are equal-width except the open last one, so minutes map to x linearly over the slots.
  const width = (bins[1]?.from ?? 0) - (bins[0]?.from ?? 0) || 1;
  const goalX = goal === null ? null : PAD.left + Math.min(bins.length, goal / width) * slot;
  return (
    <Frame title={title} desc={desc}>
      <YAxis max={max} format={(v) => (Number.isInteger(v) ? String(v) : v.toFixed(1))} />
      {bins.map((b, i) => {
        const h = (b.count / max) * innerH;
        const hb = (b.breached / max) * innerH;
        const label = binLabel(b);
        return (
          <g key={b.from}>
            <rect className="chart__bar chart__bar--met" x={PAD.left + i * slot + 1} y={PAD.top + innerH - h} width={slot - 2} height={h - hb}>
              <title>{`${label}: ${b.count}`}</title>
            </rect>
            <rect className="chart__bar chart__bar--breached" x={PAD.left + i * slot + 1} y={PAD.top + innerH - hb} width={slot - 2} height={hb}>
              <title>{`${label}: ${b.breached}`}</title>
            </rect>
            {i % Math.ceil(bins.length / 6) === 0 ? (
              <text className="chart__axis" x={PAD.left + i * slot} y={H - PAD.bottom + 18} textAnchor="middle">
                {label}
              </text>
            ) : null}
          </g>
        );
      })}
      {goalX === null ? null : (
        <g className="chart__goal">
          <line x1={goalX} x2={goalX} y1={PAD.top} y2={PAD.top + innerH} />
          <text x={goalX + 4} y={PAD.top + 12}>
            {goalLabel}
          </text>
        </g>
      )}
    </Frame>
  );
}
