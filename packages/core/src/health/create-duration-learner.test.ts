import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_STATES, type ReceivedHeartbeat } from '../protocol/types';
import { makeReceivedHeartbeat, T0 } from '../test-utils';
import { classifyHealth } from './classify-health';
import { createDurationLearner } from './create-duration-learner';

const execCall = { state: 'tool_exec', toolName: 'exec' } as const;

describe('createDurationLearner', () => {
  it('keeps a p95 per tool and per model, from the newest samples only', () => {
    const learner = createDurationLearner({ maxSamples: 100 });
    for (let ms = 1; ms <= 100; ms += 1) learner.record(execCall, ms * 1000);
    expect(learner.estimate(execCall)).toEqual({ p95: 95_000, samples: 100 });
    // 100 more, all short: the old ones are forgotten.
    for (let i = 0; i < 100; i += 1) learner.record(execCall, 2000);
    expect(learner.estimate(execCall)).toEqual({ p95: 2000, samples: 100 });
    expect(learner.estimate({ state: 'tool_exec', toolName: 'read' })).toBeUndefined();
    learner.record({ state: 'awaiting_model', model: 'ollama/qwen3' }, 80_000);
    expect(learner.estimate({ state: 'awaiting_model', model: 'ollama/qwen3' })?.p95).toBe(80_000);
    expect(learner.estimate({ state: 'streaming', model: 'ollama/qwen3' })).toBeUndefined();
  });

  it('learns nothing of states that cannot stall, nor nonsense durations', () => {
    const learner = createDurationLearner();
    learner.record({ state: 'tool_wait', toolName: 'deploy' }, 5000);
    learner.record(execCall, -1);
    learner.record(execCall, Number.NaN);
    expect(learner.estimate({ state: 'tool_wait', toolName: 'deploy' })).toBeUndefined();
    expect(learner.estimate(execCall)).toBeUndefined();
  });
});

describe('adaptive thresholds', () => {
  const time = fc.integer({ min: T0, max: T0 + 600_000 });
  const heartbeatArbitrary: fc.Arbitrary<ReceivedHeartbeat> = fc
    .record({
      state: fc.constantFrom(...SESSION_STATES),
      stateSince: time,
      toolName: fc.constantFrom('exec', 'read'),
      model: fc.constantFrom('openai/gpt-5', 'ollama/qwen3'),
      lastProgressAt: fc.option(time, { nil: undefined }),
    })
    .map(({ lastProgressAt, ...fields }) =>
      makeReceivedHeartbeat({
        ...fields,
        startedAt: fields.stateSince,
        ...(lastProgressAt === undefined ? {} : { lastProgressAt }),
      }),
    );

  it('never flags a session earlier than the fixed rule, whatever it learned', () => {
    fc.assert(
      fc.property(
        heartbeatArbitrary,
        fc.array(fc.integer({ min: 0, max: 600_000 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 900_000 }),
        fc.integer({ min: 1, max: 40 }),
        (heartbeat, durations, elapsed, minSamples) => {
          const learner = createDurationLearner();
          for (const ms of durations) learner.record(heartbeat, ms);
          const serverNow = heartbeat.stateSince + elapsed;
          const live = { ...heartbeat, emittedAt: serverNow };
          const fixed = classifyHealth(live, { serverNow });
          const adaptive = classifyHealth(live, {
            serverNow,
            thresholds: { adaptive: { minSamples } },
            learned: learner,
          });
          if (adaptive.because === 'no_progress') expect(fixed.because).toBe('no_progress');
          if (fixed.because !== 'no_progress') expect(adaptive.because).not.toBe('no_progress');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('adapts once it has minSamples durations: the limit becomes p95 × factor', () => {
    const learner = createDurationLearner();
    const thresholds = { adaptive: { minSamples: 20, factor: 1.5 } };
    const at = T0 + 100_000; // 100 s into a quiet `exec`
    const quiet = makeReceivedHeartbeat({ ...execCall, stateSince: T0, emittedAt: at });
    const verdict = () => classifyHealth(quiet, { serverNow: at, thresholds, learned: learner });
    // `exec` usually takes 80 s: 19 samples are not enough to trust it.
    for (let i = 0; i < 19; i += 1) learner.record(execCall, 80_000);
    expect(verdict()).toMatchObject({ health: 'stalled', thresholdMs: 30_000 });
    learner.record(execCall, 80_000);
    expect(verdict()).toMatchObject({ health: 'active', thresholdMs: 120_000 });
    // Off by default: the same samples change nothing without `adaptive`.
    expect(classifyHealth(quiet, { serverNow: at, learned: learner }).health).toBe('stalled');
  });
});
