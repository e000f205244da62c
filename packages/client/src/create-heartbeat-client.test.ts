import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ThresholdConfig } from '@session-heartbeat/core';
import {
  beatNow,
  createManualSource,
  createTestEnvironment,
  T0,
  type TestEnvironmentOptions,
} from './test-utils';
import { createHeartbeatClient, type HeartbeatClientOptions } from './create-heartbeat-client';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  vi.useRealTimers();
});

function setup(
  options: { client?: Partial<HeartbeatClientOptions>; environment?: TestEnvironmentOptions } = {},
) {
  const environment = createTestEnvironment(options.environment);
  const source = createManualSource();
  const client = createHeartbeatClient({ source, environment, ...options.client });
  client.start();
  const state = () => client.store.getState();
  const health = (key: string) => state().sessions.get(key)?.health;
  /** One animation frame. */
  const frame = () => vi.advanceTimersByTime(16);
  return { client, source, environment, state, health, frame };
}

describe('createHeartbeatClient: snapshot, then live updates', () => {
  it('applies a snapshot, then one heartbeat changes exactly one entry', () => {
    const { source, state, frame } = setup();
    expect(state()).toMatchObject({ hasSnapshot: false, listening: false });
    source.snapshot([beatNow('a', 1), beatNow('b', 1, { state: 'streaming' })], { epoch: 'run-1' });
    frame();
    expect(state()).toMatchObject({ hasSnapshot: true, epoch: 'run-1', listening: true });
    expect(state().status.kind).toBe('live');
    expect(state().counts).toMatchObject({ idle: 1, active: 1 });
    expect(state().order.key).toEqual(['a', 'b']);

    const a = state().sessions.get('a');
    const b = state().sessions.get('b');
    const order = state().order;
    const sentAt = Date.now();
    source.heartbeats(beatNow('a', 2, { state: 'streaming' }));
    frame();
    expect(state().sessions.get('a')).not.toBe(a);
    expect(state().sessions.get('a')?.heartbeat.seq).toBe(2);
    expect(state().sessions.get('b')).toBe(b);
    expect(state().order.key).toBe(order.key);
    expect(state().lastUpdateAt).toBe(sentAt);
  });

  it('applies a snapshot in an animation frame, and news in a task of its own without asking for one', () => {
    const { source, environment, health } = setup();
    source.snapshot([beatNow('a', 1)]);
    expect(environment.framesRequested).toBe(1); // painted in the frame that applies it
    vi.advanceTimersByTime(16);
    expect(health('a')).toBe('idle');
    vi.advanceTimersByTime(100); // a frame interval since that flush
    source.heartbeats(beatNow('a', 2, { state: 'streaming' }));
    vi.advanceTimersByTime(0);
    expect(health('a')).toBe('active');
    // Most news changes nothing on screen: it must not make the page render a frame.
    expect(environment.framesRequested).toBe(1);
  });

  it('coalesces frames: one store update per frame interval, not per socket frame', () => {
    const { source, client, frame } = setup();
    source.snapshot([beatNow('a', 1)]);
    frame();
    const listener = vi.fn();
    client.store.subscribe(listener);
    for (let seq = 2; seq < 102; seq += 1)
      source.heartbeats(beatNow('a', seq, { state: 'streaming' }));
    expect(listener).not.toHaveBeenCalled();
    frame();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(client.store.getState().sessions.get('a')?.heartbeat.seq).toBe(101);
  });

  it('ignores duplicate and out-of-order heartbeats, and counts them', () => {
    const { source, state, frame } = setup();
    source.snapshot([beatNow('a', 5)]);
    frame();
    const entry = state().sessions.get('a');
    source.heartbeats(
      beatNow('a', 5, { state: 'streaming' }),
      beatNow('a', 3, { state: 'tool_exec' }),
    );
    frame();
    expect(state().sessions.get('a')).toBe(entry);
    expect(state().stats.heartbeatsIgnored).toBe(2);
  });

  it('a snapshot replaces what the client knew; a removed frame drops a session', () => {
    const { source, state, frame } = setup();
    source.snapshot([beatNow('a', 1), beatNow('b', 1), beatNow('c', 1)]);
    frame();
    source.removed('c');
    frame();
    expect([...state().sessions.keys()].sort()).toEqual(['a', 'b']);
    expect(state().histories.has('c')).toBe(false);

    // The server restarted: a new epoch, seq starts over, b is gone.
    source.snapshot([beatNow('a', 1, { state: 'streaming' })], { epoch: 'epoch-2' });
    frame();
    expect([...state().sessions.keys()]).toEqual(['a']);
    expect(state().sessions.get('a')?.heartbeat.state).toBe('streaming');
    expect(state().counts).toMatchObject({ active: 1, idle: 0 });
    expect(state().order.severity).toEqual(['a']);
  });

  it('counts dropped frames and tells onProblem', () => {
    const onProblem = vi.fn();
    const { source, state, frame } = setup({ client: { onProblem } });
    source.problem('frame is not JSON');
    frame();
    expect(state().stats.framesDropped).toBe(1);
    expect(onProblem).toHaveBeenCalledWith({ dropped: 'frame', reason: 'frame is not JSON' });
  });
});

describe('createHeartbeatClient: one timer for the next health change', () => {
  it('a session crosses into stalled exactly when expected, with no new frame', () => {
    const { source, state, health, frame } = setup({
      client: { thresholds: { stallAfterMs: 3000 } },
    });
    const start = Date.now();
    source.snapshot([beatNow('a', 1, { state: 'awaiting_model' })]);
    frame();
    expect(health('a')).toBe('waiting');
    vi.advanceTimersByTime(start + 3000 - Date.now());
    expect(health('a')).toBe('waiting');
    vi.advanceTimersByTime(1); // "for more than" 3000 ms
    expect(health('a')).toBe('stalled');
    expect(state().sessions.get('a')?.verdict).toMatchObject({
      health: 'stalled',
      because: 'no_progress',
      thresholdMs: 3000,
    });
    expect(state().counts.stalled).toBe(1);
    expect(state().order.severity).toEqual(['a']);
  });

  it('keeps one timer however many sessions wait for a deadline', () => {
    const { source, frame } = setup();
    source.snapshot(
      Array.from({ length: 1000 }, (_, index) =>
        beatNow(`s${index}`, 1, { state: 'tool_exec', stateSince: Date.now() - index }),
      ),
    );
    frame();
    expect(vi.getTimerCount()).toBe(1);
  });

  it('re-evaluates every verdict and the timer when thresholds change at runtime', () => {
    const { client, source, health, frame } = setup();
    const start = Date.now();
    source.snapshot([beatNow('a', 1, { state: 'tool_exec', toolName: 'bash' })]);
    frame();
    vi.advanceTimersByTime(4000);
    source.heartbeats(beatNow('a', 2, { state: 'tool_exec', toolName: 'bash', stateSince: start }));
    frame();
    expect(health('a')).toBe('active');
    client.setThresholds({ byTool: { bash: { stallAfterMs: 2000 } } });
    expect(health('a')).toBe('stalled');
    expect(client.store.getState().thresholds).toEqual({
      byTool: { bash: { stallAfterMs: 2000 } },
    });
    client.setThresholds({ stallAfterMs: 6000 });
    expect(health('a')).toBe('active');
    vi.advanceTimersByTime(start + 6000 - Date.now());
    expect(health('a')).toBe('active');
    vi.advanceTimersByTime(1);
    expect(health('a')).toBe('stalled');
  });

  it('takes a config changed in place and passed again as new thresholds', () => {
    const { client, source, health, frame } = setup();
    const config: ThresholdConfig = { byTool: { bash: { stallAfterMs: 60_000 } } };
    client.setThresholds(config);
    source.snapshot([
      beatNow('a', 1, { state: 'tool_exec', toolName: 'bash', stateSince: Date.now() - 10_000 }),
    ]);
    frame();
    expect(health('a')).toBe('active');
    const bash = config.byTool?.bash;
    if (bash !== undefined) bash.stallAfterMs = 5_000;
    client.setThresholds(config);
    expect(health('a')).toBe('stalled');
  });
});

describe('createHeartbeatClient: honest connection state', () => {
  it('sessions are unknown, never unresponsive, while the client cannot hear the server', () => {
    const { source, state, health, frame } = setup();
    source.snapshot([beatNow('a', 1, { state: 'streaming' })]);
    frame();
    source.status({ kind: 'reconnecting', attempt: 1, nextRetryAt: Date.now() + 500, reason: 'x' });
    frame();
    expect(state().listening).toBe(false);
    expect(state().sessions.get('a')?.verdict).toEqual({
      health: 'unknown',
      because: 'disconnected',
    });
    vi.advanceTimersByTime(60_000);
    expect(health('a')).toBe('unknown');
    expect(state().counts.unresponsive).toBe(0);
  });

  it('treats 2 × interval without any frame as not hearing, and asks for a resync once', () => {
    const { source, state, health, frame } = setup();
    const start = Date.now();
    source.snapshot([beatNow('a', 1, { state: 'streaming' })], { interval: 1000 });
    frame();
    vi.advanceTimersByTime(start + 2000 - Date.now());
    expect(health('a')).toBe('active');
    vi.advanceTimersByTime(1);
    expect(state().listening).toBe(false);
    expect(health('a')).toBe('unknown');
    expect(source.resyncs).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(source.resyncs).toBe(1);
    source.snapshot([beatNow('a', 2, { state: 'streaming' })], { interval: 1000 });
    frame();
    expect(health('a')).toBe('active');
  });

  it('a session silent while the connection is heard is unresponsive', () => {
    const { source, health, frame } = setup();
    source.snapshot([beatNow('a', 1, { state: 'streaming' }), beatNow('b', 1)]);
    frame();
    for (let second = 1; second <= 16; second += 1) {
      vi.advanceTimersByTime(1000);
      source.heartbeats(beatNow('b', 1 + second));
    }
    frame();
    expect(health('a')).toBe('unresponsive');
    expect(health('b')).toBe('idle');
  });

  it('stop makes every session unknown; start resumes', () => {
    const { client, source, state, frame } = setup();
    source.snapshot([beatNow('a', 1)]);
    frame();
    client.stop();
    expect(source.connected).toBe(false);
    expect(state().status.kind).toBe('stopped');
    expect(state().sessions.get('a')?.health).toBe('unknown');
    expect(vi.getTimerCount()).toBe(0);
    client.start();
    expect(source.connects).toBe(2);
    source.snapshot([beatNow('a', 1)]);
    frame();
    expect(state().sessions.get('a')?.health).toBe('idle');
  });

  it('counts starts: the connection lives until every holder has stopped', () => {
    const { client, source, state, frame } = setup(); // one start, by setup
    client.start(); // a second holder (an element beside a provider)
    expect(source.connects).toBe(1);
    client.stop(); // one holder leaves: the other still sees live sessions
    source.snapshot([beatNow('a', 1)]);
    frame();
    expect(source.connected).toBe(true);
    expect(state().sessions.get('a')?.health).toBe('idle');
    client.stop(); // the last holder leaves
    expect(source.connected).toBe(false);
    expect(state().status.kind).toBe('stopped');
    client.stop(); // an extra stop changes nothing, and does not owe a start
    client.start();
    expect(source.connected).toBe(true);
    expect(source.connects).toBe(2);
  });
});

describe('createHeartbeatClient: clock, hidden tabs and sleep', () => {
  for (const skew of [3_600_000, -3_600_000]) {
    it(`a client clock ${skew > 0 ? '1 h ahead' : '1 h behind'} shows correct times and no false stall`, () => {
      const { client, source, state, health, frame } = setup({
        environment: { clockOffsetMs: skew },
      });
      const start = Date.now(); // the server's clock
      source.snapshot([beatNow('a', 1, { state: 'awaiting_model' })]);
      frame();
      expect(client.serverNow()).toBe(Date.now());
      expect(health('a')).toBe('waiting');
      expect(state().sessions.get('a')?.causeSince).toBe(start);
      for (let seq = 2; seq <= 6; seq += 1) {
        vi.advanceTimersByTime(5000);
        source.heartbeats(beatNow('a', seq, { state: 'awaiting_model', stateSince: start }));
        frame();
        expect(health('a')).toBe('waiting');
      }
      vi.advanceTimersByTime(start + 30_001 - Date.now());
      expect(health('a')).toBe('stalled');
    });
  }

  it('a step of the local clock while frames keep coming (NTP) flags nothing falsely', () => {
    let localStepMs = 0;
    const { client, source, health, frame } = setup({
      environment: { now: () => Date.now() + localStepMs },
    });
    source.snapshot([beatNow('a', 1), beatNow('b', 1, { state: 'tool_exec', toolName: 'exec' })]);
    frame();
    for (let seq = 2; seq <= 8; seq += 1) {
      vi.advanceTimersByTime(1000);
      source.heartbeats(
        beatNow('a', seq),
        beatNow('b', seq, { state: 'tool_exec', toolName: 'exec' }),
      );
      frame();
    }
    localStepMs = 40_000; // the laptop's clock is stepped 40 s ahead; the next frame is on time
    source.heartbeats(beatNow('a', 9), beatNow('b', 9, { state: 'tool_exec', toolName: 'exec' }));
    frame();
    expect(client.serverNow()).toBe(Date.now());
    expect(health('a')).toBe('idle');
    expect(health('b')).toBe('active');
  });

  it('in a hidden page, frames are applied by a timer (no animation frames there)', () => {
    const { source, environment, health, frame } = setup();
    source.snapshot([beatNow('a', 1)]);
    frame();
    source.heartbeats(beatNow('a', 2, { state: 'streaming' })); // an animation frame is requested
    environment.setHidden(true); // …and will never run while hidden
    vi.advanceTimersByTime(100);
    expect(health('a')).toBe('active');
    const frames = environment.framesRequested;
    source.heartbeats(beatNow('a', 3, { state: 'tool_exec' }));
    vi.advanceTimersByTime(100);
    expect(health('a')).toBe('active');
    expect(environment.framesRequested).toBe(frames);
  });

  it('after a sleep, sessions are unknown (not unresponsive) until a resync says otherwise', () => {
    const { source, environment, state, health, frame } = setup();
    source.snapshot([beatNow('a', 1, { state: 'streaming' }), beatNow('b', 1)]);
    frame();
    vi.setSystemTime(Date.now() + 10 * 60_000); // the machine sleeps: the clock moves, no timer runs
    environment.resume();
    expect(health('a')).toBe('unknown');
    expect(health('b')).toBe('unknown');
    expect(state().counts.unresponsive).toBe(0);
    expect(source.resyncs).toBe(1);
    source.snapshot([beatNow('a', 2, { state: 'streaming' })]);
    frame();
    expect(health('a')).toBe('active');
    expect(state().sessions.has('b')).toBe(false);
  });

  it('a timer that fires late after a freeze re-evaluates without a false unresponsive', () => {
    const { source, state, frame } = setup();
    source.snapshot([beatNow('a', 1, { state: 'tool_wait' })]);
    frame();
    vi.setSystemTime(Date.now() + 5 * 60_000); // frozen: no event at all on waking
    vi.advanceTimersByTime(10_001); // the pending timer finally fires, very late
    expect(state().sessions.get('a')?.health).toBe('unknown');
    expect(state().counts.unresponsive).toBe(0);
  });
});

describe('createHeartbeatClient: history', () => {
  it('records transitions and stalls for the timeline', () => {
    const { source, state, frame } = setup({ client: { thresholds: { stallAfterMs: 1000 } } });
    const start = Date.now();
    source.snapshot([beatNow('a', 1, { state: 'idle' })]);
    frame();
    vi.advanceTimersByTime(500);
    source.heartbeats(beatNow('a', 2, { state: 'tool_exec', toolName: 'bash' }));
    frame();
    vi.advanceTimersByTime(2000);
    expect(state().histories.get('a')).toEqual([
      { state: 'idle', since: start, health: 'idle' },
      { state: 'tool_exec', since: start + 516, health: 'active', toolName: 'bash' },
      { state: 'tool_exec', since: start + 1517, health: 'stalled', toolName: 'bash' },
    ]);
  });
});

describe('createHeartbeatClient: history from before the client listened (v1.1)', () => {
  const MINUTE = 60_000;

  it('loads the server’s changes before the first one it heard, once per session', async () => {
    const { client, source, state, frame } = setup();
    const start = Date.now();
    const history = vi.fn((_sessionKey: string, since: number) =>
      Promise.resolve({
        serverTime: Date.now(),
        epoch: 'run-1',
        changes: [
          { state: 'idle' as const, at: start - 20 * MINUTE }, // before the window
          { state: 'streaming' as const, at: start - 8 * MINUTE, model: 'gpt-5', turnId: 't1' },
          { state: 'tool_exec' as const, at: start - 3 * MINUTE, toolName: 'exec', turnId: 't1' },
          // The change the client heard itself is not doubled.
          { state: 'awaiting_model' as const, at: start - MINUTE, turnId: 't1' },
        ].filter((change) => change.at >= since), // the server keeps to `since`
      }),
    );
    source.history = history;
    source.snapshot([beatNow('a', 1, { state: 'awaiting_model', stateSince: start - MINUTE })]);
    frame();
    expect(state().histories.get('a')).toHaveLength(1);

    const loadedAt = Date.now();
    await client.loadHistory('a');
    await client.loadHistory('a');
    frame();
    expect(history).toHaveBeenCalledTimes(1);
    expect(history.mock.calls[0]).toEqual(['a', loadedAt - 10 * MINUTE, expect.anything()]); // the client's window
    expect(state().histories.get('a')).toEqual([
      {
        state: 'streaming',
        since: start - 8 * MINUTE,
        health: 'active',
        model: 'gpt-5',
        turnId: 't1',
      },
      {
        state: 'tool_exec',
        since: start - 3 * MINUTE,
        health: 'active',
        toolName: 'exec',
        turnId: 't1',
      },
      // What the client heard itself: a minute without a token is a stall.
      { state: 'awaiting_model', since: start - MINUTE, health: 'stalled' },
    ]);
  });

  it('a v1 server without the route leaves the history the client heard', async () => {
    const { client, source, state, frame } = setup();
    const { HeartbeatHttpError } = await import('./heartbeat-http');
    source.history = () => Promise.reject(new HeartbeatHttpError(404, 'not found', 'not_found'));
    source.snapshot([beatNow('a', 1, { state: 'idle' })]);
    frame();
    const before = state().histories.get('a');
    await expect(client.loadHistory('a')).resolves.toBeUndefined();
    frame();
    expect(state().histories.get('a')).toBe(before);
  });
});

describe('createHeartbeatClient: the server’s clock is stepped', () => {
  for (const stepMs of [-3_600_000, 3_600_000]) {
    it(`a server clock stepped ${stepMs < 0 ? 'back' : 'forward'} an hour while sessions keep beating flags nothing`, () => {
      const { client, source, state, frame } = setup();
      let serverStep = 0;
      source.serverTime = () => Date.now() + serverStep;
      const beatOnServer = (seq: number) => {
        const at = Date.now() + serverStep;
        return beatNow('a', seq, {
          emittedAt: at,
          stateSince: at,
          startedAt: at,
          state: 'tool_wait',
        });
      };
      source.snapshot([beatOnServer(1)], { interval: 1000 });
      frame();
      let seq = 1;
      const healths = new Set<string>();
      for (let second = 0; second < 40; second += 1) {
        if (second === 10) serverStep = stepMs; // NTP corrects the server's clock by an hour
        vi.advanceTimersByTime(1000);
        seq += 1;
        source.heartbeats(beatOnServer(seq));
        frame();
        healths.add(state().sessions.get('a')?.health ?? 'missing');
      }
      expect([...healths]).toEqual(['waiting']);
      // The estimate followed the server's clock.
      expect(Math.abs(client.serverNow() - (Date.now() + serverStep))).toBeLessThan(1000);
    });
  }
});

describe('createHeartbeatClient: a connection that dies quietly', () => {
  it('a session whose last beat was a little old when the connection died turns unknown, never unresponsive', () => {
    const { source, state, frame } = setup({
      client: { thresholds: { unresponsiveAfterMs: 3000 } },
    });
    // interval 1 s; unresponsive after 3 s = the silence limit (2 × interval) + one interval.
    source.snapshot([beatNow('a', 1, { state: 'tool_wait' }), beatNow('b', 1)], { interval: 1000 });
    frame();
    vi.advanceTimersByTime(1000);
    // a's last beat, emitted 50 ms before it arrived (the road is not instant)…
    source.heartbeats(beatNow('a', 2, { state: 'tool_wait', emittedAt: Date.now() - 50 }));
    frame();
    vi.advanceTimersByTime(1000);
    source.heartbeats(beatNow('b', 2)); // …then the last frame the connection carries.
    const healths = new Set<string>();
    for (let step = 0; step < 80; step += 1) {
      vi.advanceTimersByTime(50);
      healths.add(state().sessions.get('a')?.health ?? 'missing');
    }
    expect([...healths]).toEqual(['waiting', 'unknown']);
  });

  it('a session that stays silent while others are heard is unresponsive at the first frame past its limit', () => {
    const { source, state, frame } = setup({
      client: { thresholds: { unresponsiveAfterMs: 3000 } },
    });
    source.snapshot([beatNow('a', 1, { state: 'tool_wait' }), beatNow('b', 1)], { interval: 1000 });
    frame();
    for (let second = 1; second <= 4; second += 1) {
      vi.advanceTimersByTime(1000);
      source.heartbeats(beatNow('b', 1 + second));
      frame();
    }
    expect(state().sessions.get('a')?.verdict).toMatchObject({ health: 'unresponsive' });
  });
});

describe('createHeartbeatClient: a session removed and re-created', () => {
  it('a session removed and re-created before the next frame is shown at once, not after its next beat', () => {
    const { source, state, health, frame } = setup();
    source.snapshot([beatNow('a', 7, { state: 'streaming' }), beatNow('b', 1)]);
    frame();
    // While the tab is hidden, frames pile up: the session ends, and the
    // same key starts again (its seq starts over).
    source.removed('a');
    source.heartbeats(beatNow('a', 1, { state: 'awaiting_model' }));
    frame();
    expect(health('a')).toBe('waiting');
    expect(state().sessions.get('a')?.heartbeat.seq).toBe(1);
    expect(state().order.key).toEqual(['a', 'b']);
  });

  it('a session re-created and then removed before the next frame is gone', () => {
    const { source, state, frame } = setup();
    source.snapshot([beatNow('a', 7, { state: 'streaming' })]);
    frame();
    source.removed('a');
    source.heartbeats(beatNow('a', 1));
    source.removed('a');
    frame();
    expect(state().sessions.has('a')).toBe(false);
  });
});
