// The panel's ticker segments come from the calendar's workingSegmentsFrom (issue-view has no copy).
import { compileCalendar, workingSegmentsFrom } from '../../../src/domain/calendar';

const cal = compileCalendar({ timezone: 'Europe/Moscow', week: { mon: [['09:00', '13:00'], ['14:00', '18:00']], tue: [['09:00', '18:00']] } });
const at = (iso: string) => Date.parse(iso);

describe('workingSegmentsFrom for the panel ticker', () => {
  it('starts inside the current working interval and skips the lunch break', () => {
    const s = workingSegmentsFrom(cal, at('2026-03-02T12:30:00+03:00'), 2 * 3_600_000);
    expect(s.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()])).toEqual([
      ['2026-03-02T09:30:00.000Z', '2026-03-02T10:00:00.000Z'],
      ['2026-03-02T11:00:00.000Z', '2026-03-02T15:00:00.000Z'],
    ]);
  });

  it('jumps to the next working start from outside working hours and covers the amount asked', () => {
    const s = workingSegmentsFrom(cal, at('2026-03-02T20:00:00+03:00'), 10 * 3_600_000);
    const covered = s.reduce((sum, [a, b]) => sum + (b - a), 0);
    expect(new Date(s[0]![0]).toISOString()).toBe('2026-03-03T06:00:00.000Z');
    expect(covered).toBeGreaterThanOrEqual(10 * 3_600_000);
  });

  it('stops at the segment cap', () => {
    expect(workingSegmentsFrom(cal, at('2026-03-02T09:00:00+03:00'), 1e12, 5)).toHaveLength(5);
  });
});
