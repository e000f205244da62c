import {
  DEFAULT_INTERVAL_MS,
  type HeartbeatReason,
  type SessionHeartbeat,
  type SessionState,
} from '@session-heartbeat/core';
import {
  assertModel,
  assertSessionKey,
  assertSessionState,
  assertTime,
  assertTransitionDetails,
  type TransitionDetails,
} from './assert-session-input';
import { defaultNow, defaultTimers } from './emitter-timers';
import { createHeartbeatBroadcaster } from './create-heartbeat-broadcaster';
import { HeartbeatEmitterError } from './heartbeat-emitter-error';
import { createPeriodicScheduler } from './create-periodic-scheduler';
import { createEpoch } from './create-epoch';
import { phaseFraction } from './phase-fraction';
import {
  applyTransition,
  createSessionRecord,
  resetToIdle,
  stampHeartbeat,
  type SessionInit,
  type SessionRecord,
} from './session-record';
import type { HeartbeatEmitter, HeartbeatEmitterOptions, SessionHandle } from './types';

const MIN_INTERVAL_MS = 10;

/**
 * Creates the emitter: the sessions' state machines, one scheduler for all of
 * their periodic beats, and the hub (newest heartbeat per session plus
 * subscribers). Isomorphic: it never touches Node APIs, and time and timers
 * are injected.
 *
 * @example
 * const emitter = createHeartbeatEmitter();
 * const session = emitter.session('agent:main:main', { model: 'openai/gpt-5' });
 * session.transition('awaiting_model', { turnId: 'run-1' });
 */
export function createHeartbeatEmitter(options: HeartbeatEmitterOptions = {}): HeartbeatEmitter {
  const interval = options.interval ?? DEFAULT_INTERVAL_MS;
  if (!Number.isFinite(interval) || interval < MIN_INTERVAL_MS) {
    throw new RangeError(`interval must be at least ${MIN_INTERVAL_MS} ms, got ${interval}`);
  }
  const now = options.now ?? defaultNow;
  const slackMs = options.slackMs ?? Math.min(25, Math.floor(interval / 10));
  if (!(slackMs >= 0 && slackMs < interval / 4)) {
    throw new RangeError(`slackMs must be in [0, interval / 4), got ${slackMs}`);
  }
  const restartCooldownMs = options.restartCooldownMs ?? 1000;
  if (!Number.isFinite(restartCooldownMs) || restartCooldownMs < 0) {
    throw new RangeError(`restartCooldownMs must be 0 or more, got ${restartCooldownMs}`);
  }
  const epoch = options.epoch ?? createEpoch(now());
  const broadcaster = createHeartbeatBroadcaster(
    options.onListenerError ?? ((error) => console.error('heartbeat subscriber failed', error)),
  );
  const records = new Map<string, SessionRecord>();
  const handles = new Map<string, SessionHandle>();
  /** Heartbeats stamped by this emitter, all sessions together: where a new session's seq starts. */
  let stamped = 0;
  const scheduler = createPeriodicScheduler({
    now,
    timers: options.timers ?? defaultTimers,
    slackMs,
    onDue: beatPeriodic,
  });

  function stamp(record: SessionRecord, reason: HeartbeatReason, at: number): SessionHeartbeat {
    stamped += 1;
    return stampHeartbeat(record, reason, at);
  }

  function beatPeriodic(keys: string[], firedAt: number): void {
    const heartbeats: SessionHeartbeat[] = [];
    for (const key of keys) {
      const record = records.get(key);
      if (record?.status !== 'live') continue;
      heartbeats.push(stamp(record, 'periodic', firedAt));
      scheduler.schedule(key, firedAt + interval);
    }
    broadcaster.heartbeats(heartbeats);
  }

  function emitTransition(record: SessionRecord, at: number): void {
    broadcaster.heartbeat(stamp(record, 'transition', at));
    // The next periodic beat is a full interval after this one.
    scheduler.schedule(record.key, at + interval);
  }

  function assertUsable(record: SessionRecord): void {
    if (record.status === 'removed') {
      throw new HeartbeatEmitterError(
        'session_removed',
        record.key,
        `session ${JSON.stringify(record.key)} was removed`,
      );
    }
    if (record.status === 'crashed') {
      throw new HeartbeatEmitterError(
        'session_crashed',
        record.key,
        `session ${JSON.stringify(record.key)} has crashed; restart it first`,
      );
    }
  }

  function createHandle(record: SessionRecord): SessionHandle {
    return {
      key: record.key,
      get state() {
        return record.state;
      },
      get status() {
        return record.status;
      },
      get heartbeat() {
        // Set at creation; never undefined once a handle exists.
        return record.last as SessionHeartbeat;
      },
      transition(state: SessionState, details: TransitionDetails = {}) {
        assertSessionState(state);
        assertTransitionDetails(state, details);
        assertUsable(record);
        const at = now();
        if (!applyTransition(record, state, details, at)) return false;
        emitTransition(record, at);
        return true;
      },
      tokenReceived(at = now()) {
        assertTime('token time', at);
        assertUsable(record);
        record.lastTokenAt = at;
      },
      setModel(model: string) {
        assertModel(model);
        assertUsable(record);
        if (model === record.model) return false;
        record.model = model;
        emitTransition(record, now());
        return true;
      },
      crash() {
        if (record.status === 'crashed') return;
        assertUsable(record);
        record.status = 'crashed';
        scheduler.cancel(record.key);
      },
      recover() {
        if (record.status === 'removed') assertUsable(record);
        const at = now();
        resetToIdle(record, at);
        emitTransition(record, at);
      },
      remove() {
        if (record.status === 'removed') return false;
        record.status = 'removed';
        records.delete(record.key);
        handles.delete(record.key);
        scheduler.cancel(record.key);
        broadcaster.removed(record.key);
        return true;
      },
    };
  }

  function createSession(sessionKey: string, init: SessionInit = {}): SessionHandle {
    assertSessionKey(sessionKey);
    const state = init.state ?? 'idle';
    assertSessionState(state);
    assertTransitionDetails(state, init);
    if (init.startedAt !== undefined) assertTime('startedAt', init.startedAt);
    if (records.has(sessionKey)) {
      throw new HeartbeatEmitterError(
        'session_exists',
        sessionKey,
        `session ${JSON.stringify(sessionKey)} already exists`,
      );
    }
    const at = now();
    const record = createSessionRecord(sessionKey, { ...init, state }, at, stamped);
    const handle = createHandle(record);
    records.set(sessionKey, record);
    handles.set(sessionKey, handle);
    // The first heartbeat announces the session as found: reason `snapshot`.
    broadcaster.heartbeat(stamp(record, 'snapshot', at));
    // Spread first periodic beats over the interval so a burst of new
    // sessions never beats in the same millisecond from then on.
    const phase = slackMs + Math.floor(phaseFraction(sessionKey) * (interval - slackMs));
    scheduler.schedule(sessionKey, at + phase);
    return handle;
  }

  return {
    epoch,
    interval,
    get size() {
      return records.size;
    },
    now: () => now(),
    session(sessionKey, init) {
      return handles.get(sessionKey) ?? createSession(sessionKey, init);
    },
    createSession,
    get: (sessionKey) => handles.get(sessionKey),
    heartbeat: (sessionKey) => records.get(sessionKey)?.last,
    snapshot() {
      const heartbeats: SessionHeartbeat[] = [];
      for (const record of records.values()) if (record.last) heartbeats.push(record.last);
      return heartbeats;
    },
    subscribe: (listener) => broadcaster.subscribe(listener),
    restart(sessionKey) {
      const handle = handles.get(sessionKey);
      const record = records.get(sessionKey);
      if (!handle || !record) return false;
      const at = now();
      const since = record.restartedAt;
      // A clock stepped back (at < since) must not lock restarts out for the step.
      if (since !== undefined && at >= since && at - since < restartCooldownMs) {
        const retryAfterMs = since + restartCooldownMs - at;
        throw new HeartbeatEmitterError(
          'restart_too_soon',
          sessionKey,
          `session ${JSON.stringify(sessionKey)} was just restarted; try again in ${retryAfterMs} ms`,
          retryAfterMs,
        );
      }
      record.restartedAt = at;
      if (options.onRestart) options.onRestart(sessionKey);
      else handle.recover();
      return true;
    },
    flushDue: () => scheduler.runDue(),
    batch: (work) => broadcaster.batch(work),
    dispose() {
      scheduler.dispose();
    },
  };
}
