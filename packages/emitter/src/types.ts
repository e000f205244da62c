import type {
  HeartbeatHub,
  SessionAction,
  SessionHeartbeat,
  SessionState,
  StateChange,
} from '@session-heartbeat/core';
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
   * The actions the host supports, which `act(key, action)` runs and
   * `GET /api/sessions/actions` lists, so that a UI offers only those.
   * `nudge` and `abort` need `onAction`; `restart` works without it.
   * @default ['restart']
   */
  actions?: readonly SessionAction[];
  /**
   * The host's hook for every action (`act`, `POST
   * /api/sessions/:key/actions/:action`, a gateway method): it starts the
   * work and reports what follows through the session's handle (an abort
   * ends the turn: `transition('complete')`). It gets the session's newest
   * heartbeat (its `turnId` names the run to abort). A returned promise that
   * rejects is reported to `onListenerError`. When absent, `restart`
   * recovers the session itself (`recover()`: idle, emitting again), which
   * is what the mock server wants.
   * @default undefined
   */
  onAction?: (sessionKey: string, action: SessionAction, heartbeat: SessionHeartbeat) => unknown;
  /**
   * Any action on a session within this many ms of the last one accepted
   * on it is refused (`HeartbeatEmitterError` `action_too_soon`, with
   * `retryAfterMs`; HTTP 429), whichever way it came: HTTP, a gateway
   * method, a story. Per session: other sessions are not held up.
   * @default 1000
   */
  actionCooldownMs?: number;
  /** Identifies this run of the emitter. @default a random UUID */
  epoch?: string;
  /**
   * Told when a subscriber throws (the other subscribers still get the
   * event), or when the promise `onAction` returned rejects.
   * @default console.error
   */
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
  /**
   * Records progress in the current state (v1.1): `lastProgressAt` becomes
   * the latest of `at` and `stateSince`, and `activity` (the host's short
   * word, `"npm test: 42/120"`, never raw output; cut at 200 characters)
   * replaces the last one. Emits nothing, like `tokenReceived`: the next
   * beat carries it. Ignored while `idle` or `complete`.
   */
  progress(at?: number, activity?: string): void;
  /**
   * A tool call (v1.1): enters `tool_exec` with `toolName` as a new step and
   * emits at once. Counts `turnToolCalls`, and `toolRepeat`: how many calls
   * in a row of this turn had the same tool and `fingerprint` (a hash of its
   * input that the host makes; 1 when not a repeat). Both start over with a
   * new turn; `toolRepeat` is carried while the call's tool state lasts
   * (`tool_exec`, `tool_wait`).
   */
  toolCall(toolName: string, fingerprint: string, details?: ToolCallDetails): void;
  /** Changes the active model; emits at once if it changed. */
  setModel(model: string): boolean;
  /**
   * Changes the session's human name (`"Ops Child"`; cut at 200 characters,
   * empty or `undefined` for none); emits at once if it changed.
   */
  setLabel(label: string | undefined): boolean;
  /** Stops the session's heartbeats as if its process hung; it stays listed with its last one. */
  crash(): void;
  /** Brings the session back as a fresh idle session that emits again. */
  recover(): void;
  /** Removes the session: one `removed` event, nothing after. Returns false if already removed. */
  remove(): boolean;
}

/** What a tool call may carry besides its tool: a new `turnId` starts a new turn. */
export type ToolCallDetails = Omit<TransitionDetails, 'toolName'>;

/**
 * Sessions and their heartbeats: the hub (`HeartbeatHub`: epoch, interval,
 * clock, snapshot, subscribe, history, actions) that server adapters and
 * in-page sources read, and the handles a host reports through.
 * `act(key, action)` runs an action through `onAction` (without it, a
 * restart recovers the session); it throws `HeartbeatEmitterError`
 * `action_not_supported` for an action not in `actions`, and
 * `action_too_soon` within `actionCooldownMs` of the last one on the session.
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
   * A session's changes (of state, tool, model or turn) from `since`
   * (default: 60 minutes ago), oldest first: each session keeps the last 60
   * minutes or the last 256 changes, whichever is fewer. `undefined` for an
   * unknown key.
   */
  history(sessionKey: string, since?: number): StateChange[] | undefined;
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
