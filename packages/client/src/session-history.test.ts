import { describe, expect, it } from 'vitest';
import type { ReceivedHeartbeat } from '@session-heartbeat/core';
import { makeReceivedHeartbeat, T0 } from './test-utils';
import { evaluateEntry } from './session-entry';
import { appendHistory, DEFAULT_HISTORY_LIMITS, type HealthStretch } from './session-history';

function entryAt(serverNow: number, fields: Partial<ReceivedHeartbeat>, listening = true) {
  const heartbeat = makeReceivedHeartbeat({ emittedAt: serverNow, ...fields });
  return evaluateEntry(heartbeat, serverNow, { serverNow, listening, thresholds: undefined }).entry;
}

describe('appendHistory', () => {
  it('appends transitions and ignores periodic beats', () => {
    let history = appendHistory(
      undefined,
      entryAt(T0, { state: 'idle', stateSince: T0 }),
      DEFAULT_HISTORY_LIMITS,
    );
    const periodic = appendHistory(
      history,
      entryAt(T0 + 5000, { state: 'idle', stateSince: T0 }),
      DEFAULT_HISTORY_LIMITS,
    );
    expect(periodic).toBe(history);
    history = appendHistory(
      history,
      entryAt(T0 + 6000, { state: 'tool_exec', toolName: 'bash', stateSince: T0 + 6000 }),
      DEFAULT_HISTORY_LIMITS,
    );
    expect(history).toEqual([
      { state: 'idle', since: T0, health: 'idle' },
      { state: 'tool_exec', since: T0 + 6000, health: 'active', toolName: 'bash' },
    ]);
  });

  it('adds nothing for a lost connection (that is not the session’s history)', () => {
    const history = appendHistory(
      undefined,
      entryAt(T0, { state: 'idle' }),
      DEFAULT_HISTORY_LIMITS,
    );
    expect(
      appendHistory(history, entryAt(T0 + 1, { state: 'idle' }, false), DEFAULT_HISTORY_LIMITS),
    ).toBe(history);
  });

  it('keeps at most maxEntries, the newest', () => {
    let history: readonly HealthStretch[] | undefined;
    for (let index = 0; index < 200; index += 1) {
      const state = index % 2 === 0 ? 'streaming' : 'tool_exec';
      history = appendHistory(history, entryAt(T0 + index, { state, stateSince: T0 + index }), {
        windowMs: 600_000,
        maxEntries: 50,
      });
    }
    expect(history).toHaveLength(50);
    expect(history?.at(-1)?.since).toBe(T0 + 199);
    expect(history?.[0]?.since).toBe(T0 + 150);
  });

  it('forgets what ended before the window, but keeps the state in force at its start', () => {
    const limits = { windowMs: 600_000, maxEntries: 50 };
    let history = appendHistory(undefined, entryAt(T0, { state: 'idle', stateSince: T0 }), limits);
    history = appendHistory(
      history,
      entryAt(T0 + 60_000, { state: 'streaming', stateSince: T0 + 60_000 }),
      limits,
    );
    history = appendHistory(
      history,
      entryAt(T0 + 61_000, { state: 'idle', stateSince: T0 + 61_000 }),
      limits,
    );
    const later = T0 + 61_000 + 3_600_000;
    history = appendHistory(
      history,
      entryAt(later, { state: 'streaming', stateSince: later }),
      limits,
    );
    expect(history?.map((change) => change.since)).toEqual([T0 + 61_000, later]);
  });
});
