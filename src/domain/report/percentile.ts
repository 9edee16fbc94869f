/**
 * Percentile of an ascending-sorted list by LINEAR INTERPOLATION between closest ranks
 * (Hyndman–Fan type 7: the method of Excel's PERCENTILE.INC, NumPy's default and R's default).
 * Chosen over nearest-rank so that the median of an even count is the mean of the two middle
 * values, which is what a support lead computing it by hand expects.
 *
 * rank h = (n − 1) · p; result = x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋]). Null for an empty list.
 * @example percentileSorted([10, 20, 30, 40], 0.5) // 25
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile: p must be within [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1]!;
  return a + (h - lo) * (b - a);
}
