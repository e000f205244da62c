import { computeBackoff } from '@session-heartbeat/client';
import { describe, expect, it } from 'vitest';
import { GATEWAY_BACKOFF } from './gateway-backoff';

describe('GATEWAY_BACKOFF', () => {
  it('waits like the Control UI: 800 ms × 1.7 per try, capped at 15 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 50].map((attempt) =>
      computeBackoff(attempt, GATEWAY_BACKOFF, Math.random),
    );
    expect(delays).toEqual([800, 1360, 2312, 3930, 6682, 11359, 15000, 15000, 15000]);
  });
});
