import { elapsedDistribution } from '../../../../src/domain/report';
import { clk, row } from './rows';

describe('elapsedDistribution', () => {
  const rows = [
    row({ reaction: clk('met', 10, 180) }),
    row({ reaction: clk('met', 35, 180) }),
    row({ reaction: clk('met', 170, 180) }),
    row({ reaction: clk('breached', 200, 180) }),
    row({ reaction: clk('breached', 5000, 180) }),
    row({ reaction: clk('met', 20, 30) }),
    row({ reaction: clk('running', 100, 180) }),
  ];
  const d = elapsedDistribution(rows, 'reaction');

  it('counts only stopped clocks and draws the goal most of them had', () => {
    expect(d.stopped).toBe(6);
    expect(d.typicalGoalMinutes).toBe(180);
  });

  it('bins minutes up to twice the goal with an open last bin for outliers', () => {
    // span 360, ~12 bins → width 50 (1-2-5 steps), 8 bins + overflow
    expect(d.minutes.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 50, 3],
      [50, 100, 0],
      [100, 150, 0],
      [150, 200, 1],
      [200, 250, 1],
      [250, 300, 0],
      [300, 350, 0],
      [350, 400, 0],
      [400, null, 1],
    ]);
    expect(d.minutes.reduce((n, b) => n + b.breached, 0)).toBe(2);
  });

  it('also bins by percent of each clock own goal, the goal line at 100', () => {
    // 10/180=5.6%, 35/180=19.4%, 170/180=94.4%, 200/180=111%, 5000/180 → overflow, 20/30=66.7%
    expect(d.percentOfGoal.map((b) => b.count)).toEqual([2, 0, 1, 1, 1, 0, 0, 0, 1]);
  });

  it('is empty, not broken, when nothing stopped', () => {
    const e = elapsedDistribution([row({ reaction: clk('running', 5) })], 'reaction');
    expect(e.stopped).toBe(0);
    expect(e.typicalGoalMinutes).toBeNull();
    expect(e.minutes.every((b) => b.count === 0)).toBe(true);
  });
});
