// Auto-close periods are plain elapsed time ("14 календарных дней", "24 часа"), not working time.

import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../time/day';

const PART = /(\d+)\s*(d|h|m)/gy;
const UNIT: Record<string, number> = { d: MS_PER_DAY, h: MS_PER_HOUR, m: MS_PER_MINUTE };

/**
 * Length of a plain period like `14d`, `24h`, `1d12h`, `90m` in ms; null when it is not one
 * or is not positive.
 * @example parsePeriod('14d') // 1209600000
 */
export function parsePeriod(text: string): number | null {
  const t = text.trim();
  if (t.length === 0) return null;
  PART.lastIndex = 0;
  let total = 0;
  let pos = 0;
  for (let m = PART.exec(t); m; m = PART.exec(t)) {
    total += Number(m[1]) * UNIT[m[2]!]!;
    pos = PART.lastIndex;
  }
  if (pos !== t.length || !(total > 0) || !Number.isSafeInteger(total)) return null;
  return total;
}
