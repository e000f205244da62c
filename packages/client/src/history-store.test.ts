import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReceivedHeartbeat, SESSION_STATES } from '@session-heartbeat/core';
import { makeReceivedHeartbeat, T0 } from './test-utils';
import { HistoryStore } from './history-store';
import { evaluateEntry } from './session-entry';
import { appendHistory, DEFAULT_HISTORY_LIMITS, type HealthStretch } from './session-history';

function entryAt(serverNow: number, fields: Partial<ReceivedHeartbeat>, listening = true) {
  const heartbeat = makeReceivedHeartbeat({ emittedAt: serverNow, ...fields });
  return evaluateEntry(heartbeat, serverNow, { serverNow, listening, thresholds: undefined }).entry;
}

const step = fc.record({
  advanceMs: fc.integer({ min: 0, max: 120_000 }),
  state: fc.constantFrom(...SESSION_STATES),
  transition: fc.boolean(),
  toolName: fc.option(fc.constantFrom('exec', 'browser'), { nil: undefined }),
  model: fc.option(fc.constantFrom('openai/gpt-5', 'ollama/qwen3'), { nil: undefined }),
  turnId: fc.option(fc.constantFrom('t-1', 't-2', 't-3'), { nil: undefined }),
  listening: fc.boolean(),
});

describe('HistoryStore', () => {
  it('answers what appendHistory answers, for any run of heartbeats and limits', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1000, max: 600_000 }),
        (steps, maxEntries, windowMs) => {
          const limits = { maxEntries, windowMs };
          const store = new HistoryStore(limits);
          let expected: readonly HealthStretch[] | undefined;
          let now = T0;
          let stateSince = T0;
          for (const {
            advanceMs,
            state,
            transition,
            toolName,
            model,
            turnId,
            listening,
          } of steps) {
            now += advanceMs;
            if (transition) stateSince = now;
            const entry = entryAt(
              now,
              { state, stateSince, toolName, model, turnId, lastTokenAt: now },
              listening,
            );
            const before = expected;
            expected = appendHistory(expected, entry, limits);
            expect(store.append('s', entry)).toBe(expected !== before);
            expect(store.get('s')).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a read history’s reference until the session’s history changes', () => {
    const store = new HistoryStore(DEFAULT_HISTORY_LIMITS);
    store.append('a', entryAt(T0, { state: 'idle', stateSince: T0 }));
    const first = store.get('a');
    store.append('a', entryAt(T0 + 5000, { state: 'idle', stateSince: T0 })); // periodic
    expect(store.get('a')).toBe(first);
    store.append('a', entryAt(T0 + 6000, { state: 'streaming', stateSince: T0 + 6000 }));
    expect(store.get('a')).not.toBe(first);
    expect(store.get('a')).toHaveLength(2);
  });

  it('reads like a map, and forgets a deleted session', () => {
    const store = new HistoryStore(DEFAULT_HISTORY_LIMITS);
    store.append('a', entryAt(T0, { state: 'idle' }));
    store.append('b', entryAt(T0, { state: 'tool_exec', toolName: 'exec' }));
    expect([...store.keys()]).toEqual(['a', 'b']);
    expect(new Map(store)).toEqual(
      new Map([
        ['a', [{ state: 'idle', since: T0, health: 'idle' }]],
        ['b', [{ state: 'tool_exec', since: T0, health: 'active', toolName: 'exec' }]],
      ]),
    );
    expect(store.delete('a')).toBe(true);
    expect(store.has('a')).toBe(false);
    expect(store.get('a')).toBeUndefined();
    expect(store.size).toBe(1);
  });
});

describe('HistoryStore.prepend: history from before the client listened', () => {
  const MINUTE = 60_000;
  const older = (count: number): HealthStretch[] =>
    Array.from({ length: count }, (_, index) => ({
      state: index % 2 === 0 ? 'streaming' : 'tool_exec',
      since: T0 - (count - index) * MINUTE,
      health: 'active',
    }));

  it('puts older stretches first, keeps the newest within maxEntries, and then appends as before', () => {
    const store = new HistoryStore({ maxEntries: 4, windowMs: 60 * MINUTE });
    store.append('a', entryAt(T0, { state: 'idle', stateSince: T0 }));
    expect(store.prepend('a', older(6), T0)).toBe(true);
    expect(store.get('a')?.map((stretch) => stretch.since)).toEqual([
      T0 - 3 * MINUTE,
      T0 - 2 * MINUTE,
      T0 - MINUTE,
      T0,
    ]);
    store.append('a', entryAt(T0 + 1000, { state: 'streaming', stateSince: T0 + 1000 }));
    expect(store.get('a')?.map((stretch) => stretch.state)).toEqual([
      'streaming',
      'tool_exec',
      'idle',
      'streaming',
    ]);
  });

  it('adds nothing for a session it does not hold, at or after its first stretch, or outside the window', () => {
    const store = new HistoryStore({ maxEntries: 50, windowMs: 10 * MINUTE });
    expect(store.prepend('a', older(2), T0)).toBe(false);
    store.append('a', entryAt(T0, { state: 'idle', stateSince: T0 - 30 * MINUTE }));
    const held = store.get('a');
    // Both end before the window starts: the first stretch held is already the one in force.
    expect(
      store.prepend(
        'a',
        older(2).map((s) => ({ ...s, since: s.since - 60 * MINUTE })),
        T0,
      ),
    ).toBe(false);
    expect(
      store.prepend('a', [{ state: 'streaming', since: T0 - 30 * MINUTE, health: 'active' }], T0),
    ).toBe(false);
    expect(store.get('a')).toBe(held);
  });
});
