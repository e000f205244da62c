import type { HeartbeatHub, SessionHeartbeat, SessionState } from '@session-heartbeat/core';
import type { TransitionDetails } from './assert-session-input';
import type { EmitterTimers } from './emitter-timers';
import type { SessionInit } from './session-record';

export interface HeartbeatEmitterOptions {
  /**
   * The periodic emission interval: every live session is emitted again at
   * most this many ms after its previous heartbeat.
   * @default 5000 (DEFAULT_INTERVAL_MS)
   */
  interval?: number;
  /** The clock, in epoch ms. @default Date.now */
  now?: () => number;
  /** The timers; one is armed at a time, whatever the number of sessions. @default globalThis */
  timers?: EmitterTimers;
  /**
   * Timer tolerance of the scheduler: a periodic beat may go out up to
   * `2 × slackMs` early, so that a timer up to `slackMs` late still meets the
   * interval and sessions due close together share one batch.
   * @default Math.min(25, interval / 10)
   */
  slackMs?: number;
  /**
   * What `restart(key)` does. When absent, the emitter recovers the session
   * itself (`session.recover()`: idle, emitting again), which is what the
   * mock server wants; a real host restarts its run and reports transitions.
   * @default undefined
   */
  onRestart?: (sessionKey: string) => void;
  /**
   * A second `restart(key)` of the same session within this many ms is
   * refused (`HeartbeatEmitterError` `restart_too_soon`, with
   * `retryAfterMs`), whichever way it came: HTTP, a gateway method, a story.
   * @default 1000
   */
  restartCooldownMs?: number;
  /** Identifies this run of the emitter. @default a random UUID */
  epoch?: string;
  /** Told when a subscriber throws; the other subscribers still get the event. @default console.error */
  onListenerError?: (error: unknown) => void;
}

/** The handle of one session: the host reports its lifecycle through it. */
export interface SessionHandle {
  readonly key: string;
  readonly state: SessionState;
  readonly status: 'live' | 'crashed' | 'removed';
  /** The newest heartbeat. */
  readonly heartbeat: SessionHeartbeat;
  /**
   * Moves the session to `state` and emits at once. Returns false (and emits
   * nothing) when nothing a reader sees changed. Throws a `TypeError` for an
   * unknown state or bad details, `HeartbeatEmitterError` when crashed/removed.
   */
  transition(state: SessionState, details?: TransitionDetails): boolean;
  /**
   * Records a token from the model (`lastTokenAt`). Emits nothing: tokens can
   * come hundreds per second, and the next beat carries the time.
   */
  tokenReceived(at?: number): void;
  /** Changes the active model; emits at once if it changed. */
  setModel(model: string): boolean;
  /** Stops the session's heartbeats as if its process hung; it stays listed with its last one. */
  crash(): void;
  /** Brings the session back as a fresh idle session that emits again. */
  recover(): void;
  /** Removes the session: one `removed` event, nothing after. Returns false if already removed. */
  remove(): boolean;
}

/**
 * Sessions and their heartbeats: the hub (`HeartbeatHub`: epoch, interval,
 * clock, snapshot, subscribe) that server adapters and in-page sources read,
 * and the handles a host reports through. `restart(key)` calls `onRestart` if
 * given, else recovers the session; it throws `HeartbeatEmitterError`
 * (`restart_too_soon`) within `restartCooldownMs` of the session's last one.
 */
export interface HeartbeatEmitter extends HeartbeatHub {
  /** How many sessions are listed (crashed ones included). */
  readonly size: number;
  /** The session's handle, creating the session (with `init`) if it is new. */
  session(sessionKey: string, init?: SessionInit): SessionHandle;
  /** Creates a session; throws `HeartbeatEmitterError` (`session_exists`) if it exists. */
  createSession(sessionKey: string, init?: SessionInit): SessionHandle;
  get(sessionKey: string): SessionHandle | undefined;
  /**
   * Emits at once every live session whose periodic beat is due by `now()`,
   * instead of when the timer armed on the old time fires. For a clock that
   * jumped forward (a test advancing the server's time): no live session
   * looks silent meanwhile. Crashed sessions stay silent.
   */
  flushDue(): void;
  /** Runs `work` and delivers what it emitted as one batch to subscribers. */
  batch<T>(work: () => T): T;
  /** Stops the scheduler. Sessions stay readable; nothing beats any more. */
  dispose(): void;
}
