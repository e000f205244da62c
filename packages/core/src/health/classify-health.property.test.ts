import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_STATES, type ReceivedHeartbeat } from '../protocol/types';
import { T0 } from '../test-utils';
import { classifyHealth, msUntilHealthChange } from './classify-health';
import type { ThresholdConfig } from './resolve-thresholds';

const time = fc.integer({ min: T0 - 120_000, max: T0 + 120_000 });

const heartbeatArbitrary: fc.Arbitrary<ReceivedHeartbeat> = fc
  .record({
    state: fc.constantFrom(...SESSION_STATES, 'unknown' as const),
    stateSince: time,
    emittedAt: time,
    lastTokenAt: fc.option(time, { nil: undefined }),
    lastProgressAt: fc.option(time, { nil: undefined }),
    turnAge: fc.integer({ min: 0, max: 1_200_000 }),
    toolRepeat: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    toolName: fc.option(fc.constantFrom('exec', 'browser', 'web_search'), { nil: undefined }),
    model: fc.option(fc.constantFrom('openai/gpt-5', 'ollama/qwen3:32b'), { nil: undefined }),
  })
  .map(({ lastTokenAt, lastProgressAt, turnAge, toolRepeat, toolName, model, ...fields }) => ({
    sessionKey: 'agent:main:main',
    startedAt: fields.stateSince - turnAge,
    seq: 1,
    reason: 'periodic',
    ...fields,
    ...(lastTokenAt === undefined ? {} : { lastTokenAt }),
    ...(lastProgressAt === undefined ? {} : { lastProgressAt }),
    ...(toolRepeat === undefined ? {} : { toolRepeat }),
    ...(toolName === undefined ? {} : { toolName }),
    ...(model === undefined ? {} : { model }),
  }));

/** The verdict as far as a person sees it change: the health and its reason. */
function seen(heartbeat: ReceivedHeartbeat, context: Parameters<typeof classifyHealth>[1]): string {
  const verdict = classifyHealth(heartbeat, context);
  return `${verdict.health}/${verdict.because}`;
}

const thresholdsArbitrary: fc.Arbitrary<ThresholdConfig> = fc.record(
  {
    stallAfterMs: fc.integer({ min: 0, max: 90_000 }),
    unresponsiveAfterMs: fc.integer({ min: 0, max: 90_000 }),
    loopAfterRepeats: fc.integer({ min: 1, max: 8 }),
    turnMaxMs: fc.integer({ min: 0, max: 1_000_000 }),
    byTool: fc.constant({ browser: { stallAfterMs: 60_000 } }),
    byModel: fc.constant({ 'ollama/*': { stallAfterMs: 120_000, unresponsiveAfterMs: 40_000 } }),
  },
  { requiredKeys: [] },
);

describe('health over time, with no new heartbeat', () => {
  it('changes (health or reason) exactly at now + msUntilHealthChange, and not one instant before', () => {
    fc.assert(
      fc.property(
        heartbeatArbitrary,
        thresholdsArbitrary,
        time,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (heartbeat, thresholds, serverNow, fraction) => {
          const context = { serverNow, thresholds };
          const now = seen(heartbeat, context);
          const ms = msUntilHealthChange(heartbeat, context);
          if (ms === Infinity) {
            const later = serverNow + Math.floor(fraction * 10_000_000);
            expect(seen(heartbeat, { serverNow: later, thresholds })).toBe(now);
            return;
          }
          expect(ms).toBeGreaterThanOrEqual(1);
          expect(seen(heartbeat, { serverNow: serverNow + ms, thresholds })).not.toBe(now);
          const earlier = serverNow + Math.floor(fraction * (ms - 1));
          expect(seen(heartbeat, { serverNow: earlier, thresholds })).toBe(now);
          expect(seen(heartbeat, { serverNow: serverNow + ms - 1, thresholds })).toBe(now);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never calls a session unresponsive while the client is disconnected', () => {
    fc.assert(
      fc.property(
        heartbeatArbitrary,
        thresholdsArbitrary,
        time,
        (heartbeat, thresholds, serverNow) => {
          const verdict = classifyHealth(heartbeat, { serverNow, thresholds, listening: false });
          expect(verdict.health).toBe('unknown');
          expect(msUntilHealthChange(heartbeat, { serverNow, thresholds, listening: false })).toBe(
            Infinity,
          );
        },
      ),
    );
  });

  it('is unresponsive exactly when the last beat is older than the limit', () => {
    fc.assert(
      fc.property(heartbeatArbitrary, time, (heartbeat, serverNow) => {
        const verdict = classifyHealth(heartbeat, { serverNow });
        expect(verdict.health === 'unresponsive').toBe(serverNow - heartbeat.emittedAt > 15_000);
      }),
    );
  });

  it('only gets more severe as time passes (waiting/active → stalled → unresponsive)', () => {
    const rank = {
      idle: 0,
      unknown: 0,
      active: 1,
      waiting: 1,
      stalled: 2,
      unresponsive: 3,
    } as const;
    fc.assert(
      fc.property(
        heartbeatArbitrary,
        thresholdsArbitrary,
        time,
        fc.nat(200_000),
        (heartbeat, thresholds, t, dt) => {
          const before = classifyHealth(heartbeat, { serverNow: t, thresholds }).health;
          const after = classifyHealth(heartbeat, { serverNow: t + dt, thresholds }).health;
          expect(rank[after]).toBeGreaterThanOrEqual(rank[before]);
        },
      ),
    );
  });
});
