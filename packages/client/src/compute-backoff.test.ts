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

describe('computeBackoff with a factor', () => {
  it('grows by the factor, capped at maxMs', () => {
    const options = { initialMs: 800, factor: 1.7, maxMs: 15_000, jitter: 0 };
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 50].map((attempt) =>
      computeBackoff(attempt, options, Math.random),
    );
    expect(delays).toEqual([800, 1360, 2312, 3930, 6682, 11359, 15000, 15000, 15000]);
  });

  it('reads an attempt below 1, or not a number, as the first; keeps bounds sane', () => {
    const options = { initialMs: 800, jitter: 0 };
    expect(computeBackoff(0, options, Math.random)).toBe(800);
    expect(computeBackoff(Number.NaN, options, Math.random)).toBe(800);
    expect(computeBackoff(2, { initialMs: 10, factor: 2, maxMs: 15, jitter: 0 }, Math.random)).toBe(
      15,
    );
    // A factor below 1 would shrink the delays: it reads as 1.
    expect(computeBackoff(5, { initialMs: 100, factor: 0.5, jitter: 0 }, Math.random)).toBe(100);
  });
});
