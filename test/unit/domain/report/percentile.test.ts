import { percentileSorted } from '../../../../src/domain/report';

describe('percentileSorted (linear interpolation between closest ranks)', () => {
  it.each([
    // [sorted values, p, expected] — worked by hand: h = (n − 1)·p
    [[10, 20, 30, 40], 0.5, 25], // h = 1.5 → 20 + 0.5·10
    [[10, 20, 30, 40], 0.9, 37], // h = 2.7 → 30 + 0.7·10
    [[10, 20, 30], 0.5, 20], // odd count: the middle value
    [[5], 0.9, 5], // one value is every percentile
    [[0, 100], 0.9, 90],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1], // h = 8.1
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 1],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, 10],
  ])('of %j at p=%d is %d', (xs, p, expected) => {
    expect(percentileSorted(xs, p)).toBeCloseTo(expected, 10);
  });

  it('returns null for an empty list', () => {
    expect(percentileSorted([], 0.5)).toBeNull();
  });

  it('rejects a p outside [0, 1]', () => {
    expect(() => percentileSorted([1], 90)).toThrow('p must be within [0, 1], got 90');
  });
});
