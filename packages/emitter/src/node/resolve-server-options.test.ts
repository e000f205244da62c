import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_ORIGINS } from './create-origin-policy';
import { resolveServerOptions } from './resolve-server-options';

describe('resolveServerOptions', () => {
  it('fills in the documented defaults', () => {
    expect(resolveServerOptions({})).toMatchObject({
      token: undefined,
      onApiRequest: undefined,
      allowedOrigins: DEFAULT_ALLOWED_ORIGINS,
      allowedHosts: [],
      maxFrameBytes: 65_536,
      maxBodyBytes: 65_536,
      maxBufferedBytes: 1_048_576,
      maxPendingSnapshotBytes: 33_554_432,
      maxPendingHeartbeats: 100_000,
      maxBackpressureMs: 30_000,
      coalesceMs: 20,
      helloTimeoutMs: 5000,
      pingIntervalMs: 15_000,
      closeGraceMs: 1000,
      logger: {},
      health: {},
      metricsPath: '/metrics',
    });
  });

  it('keeps what it is given, zero coalescing included', () => {
    const options = resolveServerOptions({ maxBodyBytes: 1, coalesceMs: 0 });
    expect(options).toMatchObject({ maxBodyBytes: 1, coalesceMs: 0 });
    expect(resolveServerOptions({ coalesceMs: 50 }).coalesceMs).toBe(50);
  });

  it('refuses an impossible limit with a RangeError that names it and its value', () => {
    expect(() => resolveServerOptions({ maxBodyBytes: 0 })).toThrow(
      new RangeError(
        `maxBodyBytes must be a positive number up to ${Number.MAX_SAFE_INTEGER}, got 0`,
      ),
    );
    expect(() => resolveServerOptions({ pingIntervalMs: Number.NaN })).toThrow(
      /^pingIntervalMs must be a positive number/,
    );
    expect(() => resolveServerOptions({ maxFrameBytes: Number.MAX_SAFE_INTEGER + 2 })).toThrow(
      RangeError,
    );
    expect(() => resolveServerOptions({ coalesceMs: 51 })).toThrow(
      new RangeError('coalesceMs must be between 0 and 50, got 51'),
    );
    expect(() => resolveServerOptions({ coalesceMs: -1 })).toThrow(RangeError);
    // Under /api it would be shadowed by the contract's routes (and their 404s).
    expect(() => resolveServerOptions({ metricsPath: '/api/metrics' })).toThrow(
      new RangeError(
        'metricsPath must be a path outside /api, such as /metrics, got "/api/metrics"',
      ),
    );
    expect(() => resolveServerOptions({ metricsPath: 'metrics' })).toThrow(RangeError);
  });
});
