import {
  DEFAULT_INTERVAL_MS,
  isSessionAction,
  SESSION_ACTIONS,
  type HeartbeatReason,
  type SessionHeartbeat,
} from '@session-heartbeat/core';
import {
  assertSessionKey,
  assertSessionState,
  assertTime,
  assertTransitionDetails,
  readText,
} from './assert-session-input';
import { defaultNow, defaultTimers } from './emitter-timers';
import { createHeartbeatBroadcaster } from './create-heartbeat-broadcaster';
import { HeartbeatEmitterError } from './heartbeat-emitter-error';
import { createPeriodicScheduler } from './create-periodic-scheduler';
import { createEpoch } from './create-epoch';
import { createSessionActions } from './create-session-actions';
import { createSessionHandle } from './create-session-handle';
import { phaseFraction } from './phase-fraction';
import { HISTORY_MAX_AGE_MS } from './session-history';
import {
  createSessionRecord,
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
  const reportError =
    options.onListenerError ?? ((error: unknown) => console.error('heartbeat hook failed', error));
  const sessionActions = createSessionActions(options, now, reportError);
  const epoch = options.epoch ?? createEpoch(now());
  const broadcaster = createHeartbeatBroadcaster(reportError);
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

  const handleDeps = {
    now,
    emitTransition,
    silence: (record: SessionRecord) => scheduler.cancel(record.key),
    unlist(record: SessionRecord) {
      records.delete(record.key);
      handles.delete(record.key);
      scheduler.cancel(record.key);
      broadcaster.removed(record.key);
    },
  };

  function createSession(sessionKey: string, init: SessionInit = {}): SessionHandle {
    assertSessionKey(sessionKey);
    const state = init.state ?? 'idle';
    assertSessionState(state);
    assertTransitionDetails(state, init);
    if (init.startedAt !== undefined) assertTime('startedAt', init.startedAt);
    const label = readText('label', init.label);
    if (records.has(sessionKey)) {
      throw new HeartbeatEmitterError(
        'session_exists',
        sessionKey,
        `session ${JSON.stringify(sessionKey)} already exists`,
      );
    }
    const at = now();
    const record = createSessionRecord(sessionKey, { ...init, state, label }, at, stamped);
    const handle = createSessionHandle(record, handleDeps);
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
    history(sessionKey, since) {
      const at = now();
      return records.get(sessionKey)?.history.read(since ?? at - HISTORY_MAX_AGE_MS, at);
    },
    actions: sessionActions.actions,
    act(sessionKey, action) {
      if (!isSessionAction(action)) {
        throw new TypeError(
          `unknown action ${JSON.stringify(action)}; expected one of ${SESSION_ACTIONS.join(', ')}`,
        );
      }
      const record = records.get(sessionKey);
      const handle = handles.get(sessionKey);
      if (!record || !handle) return false;
      sessionActions.run(record, action, () => handle.recover());
      return true;
    },
    flushDue: () => scheduler.runDue(),
    batch: (work) => broadcaster.batch(work),
    dispose() {
      scheduler.dispose();
    },
  };
}
