import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBackoff } from './compute-backoff';

describe('computeBackoff', () => {
  it('starts at about 0.5 s and doubles, capped at 5 s (no jitter at random = 0.5)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 50].map((attempt) => computeBackoff(attempt, {}, () => 0.5));
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('spreads each delay by ±50 %', () => {
    expect(computeBackoff(1, {}, () => 0)).toBe(250);
    expect(computeBackoff(1, {}, () => 0.999999)).toBe(750);
    expect(computeBackoff(20, {}, () => 0)).toBe(2500);
    expect(computeBackoff(20, {}, () => 0.999999)).toBe(7500);
  });

  it('stays within [base × 0.5, base × 1.5] for any attempt, forever', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, random) => {
          const base = Math.min(5000, 500 * 2 ** Math.min(attempt - 1, 30));
          const delay = computeBackoff(attempt, {}, () => random);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.5));
          expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.5));
        },
      ),
    );
  });

  it('takes other bounds', () => {
    const options = { initialMs: 1000, maxMs: 30_000, jitter: 0 };
    expect([1, 3, 6, 9].map((attempt) => computeBackoff(attempt, options, Math.random))).toEqual([
      1000, 4000, 30_000, 30_000,
    ]);
  });
});
