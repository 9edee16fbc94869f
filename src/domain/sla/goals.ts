// Which goal applies: the goal string of a clock (or the update clock's interval) for a package
// and priority, from the configuration's tables keyed by package, priority or both (matrix).

import type { GoalClock, GoalKeying, GoalTable, SlaConfig } from './types';

/** The goal string for a clock, package and priority; null when the configuration sets none. */
export function goalFor(config: SlaConfig, clock: GoalClock, packageId: string, priorityId: string | null): string | null {
  return goalIn(config.goals[clock], config.goalsBy[clock], packageId, priorityId);
}

/** The update clock's interval for a package and priority; null when none applies to it. */
export function updateGoalFor(config: SlaConfig, packageId: string, priorityId: string | null): string | null {
  const u = config.updates;
  return u ? goalIn(u.every, u.by, packageId, priorityId) : null;
}

function goalIn(table: GoalTable | undefined, by: GoalKeying | undefined, packageId: string, priorityId: string | null): string | null {
  if (!table || !by) return null;
  // Own keys only: an id like "constructor" must not find Object.prototype's members.
  if (by === 'package') {
    const g = Object.hasOwn(table, packageId) ? table[packageId] : undefined;
    return typeof g === 'string' ? g : null;
  }
  if (priorityId === null) return null;
  if (by === 'priority') {
    const g = Object.hasOwn(table, priorityId) ? table[priorityId] : undefined;
    return typeof g === 'string' ? g : null;
  }
  const row = Object.hasOwn(table, packageId) ? table[packageId] : undefined;
  if (row === undefined || typeof row === 'string') return null;
  const g = Object.hasOwn(row, priorityId) ? row[priorityId] : undefined;
  return typeof g === 'string' ? g : null;
}
