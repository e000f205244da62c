/**
 * The heartbeat wire contract, v1 with the v1.1 additions (docs/protocol.md). All times are integer
 * milliseconds since the Unix epoch on the server's clock.
 */
import type { ThresholdConfig } from '../health/resolve-thresholds';
import { encodeSessionKeySegment } from './session-key-segment';

/** The protocol version a hello frame announces. */
export const PROTOCOL_VERSION = 1;

/** Every lifecycle state an emitter may send, in lifecycle order. */
export const SESSION_STATES = [
  'idle',
  'awaiting_model',
  'streaming',
  'tool_exec',
  'tool_wait',
  'complete',
] as const;

export type SessionState = (typeof SESSION_STATES)[number];

const sessionStates: ReadonlySet<string> = new Set(SESSION_STATES);

export function isSessionState(value: unknown): value is SessionState {
  return typeof value === 'string' && sessionStates.has(value);
}

/**
 * Between turns (`idle`, `complete`): leaving it for another state starts a
 * turn. Every other known state is running a turn; a state this reader does
 * not know (`'unknown'`) is neither.
 */
export function isRestingState(state: SessionState | 'unknown'): boolean {
  return state === 'idle' || state === 'complete';
}

/** In a turn: `awaiting_model`, `streaming`, `tool_exec` or `tool_wait`. */
export function isRunningState(state: SessionState | 'unknown'): boolean {
  return state !== 'unknown' && !isRestingState(state);
}

/** In a tool (`tool_exec`, `tool_wait`): the only states that carry a `toolName`. */
export function isToolState(state: SessionState): boolean {
  return state === 'tool_exec' || state === 'tool_wait';
}

/**
 * What a person can ask the server to do to a session (v1.1): `nudge` asks
 * the agent to report or resume, `abort` cancels the current turn, `restart`
 * restarts the session. A server lists those its host supports.
 */
export const SESSION_ACTIONS = ['nudge', 'abort', 'restart'] as const;

export type SessionAction = (typeof SESSION_ACTIONS)[number];

const sessionActions: ReadonlySet<string> = new Set(SESSION_ACTIONS);

export function isSessionAction(value: unknown): value is SessionAction {
  return typeof value === 'string' && sessionActions.has(value);
}

/** Why a heartbeat was emitted. */
export type HeartbeatReason = 'transition' | 'periodic' | 'snapshot';

/** What an emitter sends for one session. */
export interface SessionHeartbeat {
  /** 1–512 characters, e.g. `agent:main:main`. */
  sessionKey: string;
  state: SessionState;
  turnId?: string;
  model?: string;
  /** The tool being executed or waited on (in `tool_exec` / `tool_wait`). */
  toolName?: string;
  /** The last token received from the model in this turn. */
  lastTokenAt?: number;
  /** When the current turn started (for `idle`: when the session became idle). */
  startedAt: number;
  /** When the session entered `state`. */
  stateSince: number;
  /** Per session, +1 on every emission; never repeats while the emitter lives. */
  seq: number;
  emittedAt: number;
  reason: HeartbeatReason;
  // ---- v1.1 (additive: a v1 reader ignores them) ----
  /**
   * The last evidence that the current state is making progress (a token, a
   * tool's output, a step); never before `stateSince`. Reporting progress
   * emits nothing by itself: the next heartbeat carries it.
   */
  lastProgressAt?: number;
  /** The host's short word on the latest progress (`"npm test: 42/120"`); never raw output. */
  activity?: string;
  /**
   * In `tool_exec` / `tool_wait`: how many consecutive tool calls of this turn
   * had the same tool and input fingerprint (1 = not a repeat).
   */
  toolRepeat?: number;
  /** Tool calls so far in this turn. */
  turnToolCalls?: number;
  /** The session's human name (`"Ops Child"`); the key stays its identity. */
  label?: string;
  // ---- fleet (additive) ----
  /**
   * The gateway the session lives on, when the heartbeat passed through an
   * aggregator; `sessionKey` is then `<source>/<original key>`.
   */
  source?: string;
}

/**
 * A heartbeat as a reader holds it. A state this reader does not know (from a
 * newer emitter) becomes `'unknown'`, with the raw value kept in
 * `unknownState`, so the session stays listed; its health is `unknown`.
 */
export interface ReceivedHeartbeat extends Omit<SessionHeartbeat, 'state' | 'reason'> {
  state: SessionState | 'unknown';
  /** The state as sent, when this reader does not know it. */
  unknownState?: string;
  /** A reason this reader does not know is kept as sent; nothing depends on it. */
  reason: HeartbeatReason | (string & {});
}

export const SESSION_KEY_MAX_LENGTH = 512;

/** The longest `activity` and `label`, in characters; a reader cuts longer ones. */
export const TEXT_FIELD_MAX_LENGTH = 200;

/** Default periodic emission interval. */
export const DEFAULT_INTERVAL_MS = 5000;

/** Largest WebSocket frame or HTTP body either side accepts. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** A client must send a valid hello within this time. */
export const HELLO_TIMEOUT_MS = 5000;

// ---- WebSocket frames -------------------------------------------------------

export interface HelloFrame {
  type: 'hello';
  protocol: typeof PROTOCOL_VERSION;
  token?: string;
}

export interface SnapshotFrame<H = ReceivedHeartbeat> {
  type: 'snapshot';
  serverTime: number;
  /** Identifies this run of the emitter; when it changes, `seq` starts over. */
  epoch: string;
  /** The periodic emission interval in ms. */
  interval: number;
  heartbeats: H[];
  /** Fleet: the sources an aggregator hears (absent from a single emitter). */
  sources?: SourceStatus[];
}

/** Fleet: sent after every change of a source's status. */
export interface SourcesFrame {
  type: 'sources';
  serverTime: number;
  sources: SourceStatus[];
}

export interface HeartbeatsFrame<H = ReceivedHeartbeat> {
  type: 'heartbeats';
  serverTime: number;
  heartbeats: H[];
}

export interface RemovedFrame {
  type: 'removed';
  serverTime: number;
  sessionKey: string;
}

export interface PingFrame {
  type: 'ping';
  serverTime: number;
}

/** A frame as a reader receives it. */
export type ServerFrame = SnapshotFrame | HeartbeatsFrame | RemovedFrame | PingFrame | SourcesFrame;

/** A frame as an emitter (or an aggregator) sends it. */
export type OutgoingServerFrame =
  | SnapshotFrame<SessionHeartbeat>
  | HeartbeatsFrame<SessionHeartbeat>
  | RemovedFrame
  | PingFrame
  | SourcesFrame;

export type ClientFrame = HelloFrame;

/** WebSocket close codes the contract uses. */
export const CloseCode = {
  /** The server is going away (shutdown). */
  GoingAway: 1001,
  /** A frame that is not JSON, or not a JSON object. */
  InvalidPayload: 1007,
  /** A frame of an unknown type, or a frame the protocol does not allow here. */
  PolicyViolation: 1008,
  /** A frame over 64 KiB. */
  MessageTooBig: 1009,
  /** The client cannot keep up and was dropped. */
  TryAgainLater: 1013,
  /** No valid hello in time, or a wrong token. */
  Unauthorized: 4401,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

// ---- HTTP bodies ------------------------------------------------------------

/** `GET /api/sessions/heartbeat` */
export interface BatchHeartbeatsBody<H = ReceivedHeartbeat> {
  serverTime: number;
  epoch: string;
  interval: number;
  heartbeats: H[];
}

/** `GET /api/sessions/:key/heartbeat` */
export interface SessionHeartbeatBody<H = ReceivedHeartbeat> {
  serverTime: number;
  heartbeat: H;
}

/**
 * One change in a session's history (v1.1): it entered `state` (or its tool,
 * model or turn changed) at `at`, with what the session showed then.
 */
export interface StateChange {
  state: SessionState;
  /** When the change happened (the server's clock). */
  at: number;
  toolName?: string;
  model?: string;
  turnId?: string;
  /** The host's latest word on progress while the session was in this state. */
  activity?: string;
}

/**
 * A change as a reader holds it: a state this reader does not know becomes
 * `'unknown'`, with the raw value in `unknownState`, as for heartbeats.
 */
export interface ReceivedStateChange extends Omit<StateChange, 'state'> {
  state: SessionState | 'unknown';
  unknownState?: string;
}

/** `GET /api/sessions/:key/history?since=ms`: the session's changes from `since`, oldest first. */
export interface HistoryBody<C = ReceivedStateChange> {
  serverTime: number;
  epoch: string;
  changes: C[];
}

/** `GET /api/sessions/actions`: the actions the host supports, so a UI offers only those. */
export interface ActionsBody {
  actions: SessionAction[];
}

/** `POST /api/sessions/:key/actions/:action` (and `…/restart`): 202, the host was asked. */
export interface ActionAcceptedBody {
  serverTime: number;
}

/** `GET /api/sessions/thresholds`, and the answer to a `PUT` of a `ThresholdConfig`. */
export interface ThresholdsBody {
  serverTime: number;
  /** The limits the server classifies sessions with: its metrics and alerts, and dashboards that share them. */
  thresholds: ThresholdConfig;
  /** Whether this caller may `PUT` new ones (with the server's token, or on a loopback Host). */
  canChange: boolean;
}

// ---- Fleet: sources ---------------------------------------------------------

/** The longest source id (a gateway's name in a fleet). */
export const SOURCE_ID_MAX_LENGTH = 128;

/**
 * Why an aggregator calls a source unreachable:
 * - `silent`: nothing heard from it (no heartbeat, no source beat) for its limit;
 * - `broker_unreachable`: the aggregator itself lost its broker (Redis), so it
 *   can see no source at all; the gateways may well be fine.
 */
export type SourceUnreachableReason = 'silent' | 'broker_unreachable';

/** One gateway as an aggregator hears it (`GET /api/sources`, the `sources` frame). */
export interface SourceStatus {
  /** 1–128 characters, e.g. `gw-2`. */
  id: string;
  status: 'live' | 'unreachable';
  /** When the aggregator last heard from it (server clock). */
  lastSeenAt: number;
  /** How many sessions it lists. */
  sessions: number;
  /** Why it is unreachable (absent while live, or from an older aggregator). */
  reason?: SourceUnreachableReason;
}

/** `GET /api/sources` */
export interface SourcesBody {
  serverTime: number;
  sources: SourceStatus[];
}

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'too_many_requests'
  /** v1.1: an action the host does not support (501). */
  | 'not_supported'
  /** v1.1: an action too soon after the last one on that session (429, with `Retry-After`). */
  | 'action_too_soon'
  | (string & {});

/** Every error answer: `{"error": {"code", "message"}}`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/**
 * The HTTP routes, relative to the server's base URL (a path in it is kept:
 * see `resolveRoute`).
 */
export const Routes = {
  batch: '/api/sessions/heartbeat',
  socket: '/api/sessions/heartbeat/ws',
  session: (sessionKey: string) => `/api/sessions/${encodeSessionKeySegment(sessionKey)}/heartbeat`,
  /** The v1 route of a restart: the same as `action(sessionKey, 'restart')`. */
  restart: (sessionKey: string) => `/api/sessions/${encodeSessionKeySegment(sessionKey)}/restart`,
  /** A session's history, from `since` (default on the server: 60 minutes ago). */
  history: (sessionKey: string, since?: number) =>
    `/api/sessions/${encodeSessionKeySegment(sessionKey)}/history${
      since === undefined ? '' : `?since=${Math.floor(since)}`
    }`,
  /** The actions the server's host supports. */
  actions: '/api/sessions/actions',
  action: (sessionKey: string, action: SessionAction) =>
    `/api/sessions/${encodeSessionKeySegment(sessionKey)}/actions/${action}`,
  thresholds: '/api/sessions/thresholds',
  /** Fleet: the sources an aggregator hears. */
  sources: '/api/sources',
} as const;
