import { describe, expect, it } from 'vitest';
import { gatewayBackoff } from './gateway-backoff';

describe('gatewayBackoff', () => {
  it('waits like the Control UI: 800 ms × 1.7 per try, capped at 15 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 50].map((attempt) => gatewayBackoff(attempt));
    expect(delays).toEqual([800, 1360, 2312, 3930, 6682, 11359, 15000, 15000, 15000]);
  });

  it('spreads delays by the jitter it is given, and reads odd attempts as the first', () => {
    expect(gatewayBackoff(1, { jitter: 0.5 }, () => 0)).toBe(400);
    expect(gatewayBackoff(1, { jitter: 0.5 }, () => 0.999_999)).toBe(1200);
    expect(gatewayBackoff(0)).toBe(800);
    expect(gatewayBackoff(Number.NaN)).toBe(800);
    expect(gatewayBackoff(2, { initialMs: 10, factor: 2, maxMs: 15 })).toBe(15);
  });
});
