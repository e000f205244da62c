/**
 * The parts of the OpenClaw gateway protocol this package reads and writes,
 * as the gateway defines them (`src/gateway/protocol/schema/frames.ts`,
 * `logs-chat.ts`, `src/infra/agent-events.ts`, `src/gateway/session-utils.types.ts`
 * of the OpenClaw repository). Only what we use is typed; readers tolerate
 * every other field, and values these types do not list.
 */

/** The protocol version of the gateway's socket (the Control UI sends min = max = 3). */
export const GATEWAY_PROTOCOL_VERSION = 3;

/**
 * Our event on the gateway's socket. The gateway has its own, unrelated
 * `heartbeat` event (periodic agent wake-ups): ours is always namespaced.
 */
export const SESSION_HEARTBEAT_EVENT = 'session.heartbeat';

/** Our request methods on the gateway's socket (never `last-heartbeat` / `set-heartbeats`). */
export const SessionHeartbeatMethods = {
  /** `{}` → a `snapshot` body of the contract. */
  snapshot: 'session.heartbeat.snapshot',
  /** `{sessionKey}` → `{serverTime, heartbeat}`, as `GET /api/sessions/:key/heartbeat`. */
  session: 'session.heartbeat.get',
  /** `{sessionKey, since?}` → `{serverTime, epoch, changes}`, as `GET /api/sessions/:key/history`. */
  history: 'session.heartbeat.history',
  /** `{}` → `{actions}`, as `GET /api/sessions/actions`. */
  actions: 'session.heartbeat.actions',
  /** `{sessionKey, action}` → `{serverTime}`, as `POST /api/sessions/:key/actions/:action`. A write. */
  action: 'session.heartbeat.action',
  /** `{sessionKey}` → `{serverTime}`: `.action` with `restart` (the v1 method). A write. */
  restart: 'session.heartbeat.restart',
} as const;

export type SessionHeartbeatMethod =
  (typeof SessionHeartbeatMethods)[keyof typeof SessionHeartbeatMethods];

/** Our methods that act on a session: register them behind the gateway's write scope. */
export const SESSION_HEARTBEAT_WRITE_METHODS: ReadonlySet<SessionHeartbeatMethod> = new Set([
  SessionHeartbeatMethods.action,
  SessionHeartbeatMethods.restart,
]);

/** `{type:"event"}`: `seq` is the gateway's broadcast counter (absent on targeted events). */
export interface GatewayEventFrame {
  type: 'event';
  event: string;
  payload?: unknown;
  seq?: number;
}

export interface GatewayRequestFrame {
  type: 'req';
  id: string;
  method: string;
  params?: unknown;
}

/** The gateway's error shape; its codes include `INVALID_REQUEST`, `NOT_PAIRED`, `UNAVAILABLE`. */
export interface GatewayErrorShape {
  code: string;
  message: string;
  details?: unknown;
  retryable?: boolean;
  retryAfterMs?: number;
}

export interface GatewayResponseFrame {
  type: 'res';
  id: string;
  ok: boolean;
  payload?: unknown;
  error?: GatewayErrorShape;
}

export type GatewayFrame = GatewayEventFrame | GatewayRequestFrame | GatewayResponseFrame;

/** The `connect.challenge` event's payload, sent by the gateway when a socket opens. */
export interface ConnectChallenge {
  nonce: string;
  ts: number;
}

/** What a client says about itself in `connect` (the gateway checks `id` and `mode` against its lists). */
export interface GatewayClientInfo {
  id: string;
  version: string;
  platform: string;
  mode: string;
  displayName?: string;
  instanceId?: string;
}

/** `connect` request params (the subset we send). Credentials travel only here. */
export interface GatewayConnectParams {
  minProtocol: number;
  maxProtocol: number;
  client: GatewayClientInfo;
  role?: string;
  scopes?: string[];
  caps?: string[];
  auth?: { token?: string; password?: string };
}

/** The `connect` answer's payload (the subset we read). */
export interface GatewayHelloOk {
  type: 'hello-ok';
  protocol: number;
  server?: { version?: string; connId?: string };
  features?: { methods?: string[]; events?: string[] };
  policy?: { maxPayload?: number; maxBufferedBytes?: number; tickIntervalMs?: number };
}

/** Streams of `agent` events; the gateway adds new ones over time. */
export type AgentEventStream =
  'lifecycle' | 'tool' | 'assistant' | 'thinking' | 'approval' | 'item' | 'error' | (string & {});

/** An `agent` event: `seq` counts per `runId`, `ts` is the gateway's clock. */
export interface AgentEventPayload {
  runId: string;
  seq: number;
  stream: AgentEventStream;
  ts: number;
  data: Record<string, unknown>;
  sessionKey?: string;
}

export type ChatEventState = 'delta' | 'final' | 'aborted' | 'error' | 'status';

/** A `chat` event: `seq` is the `agent` event's it came from. `status` carries a startup `phase`. */
export interface ChatEventPayload {
  runId: string;
  sessionKey: string;
  seq: number;
  state: ChatEventState | (string & {});
  phase?: string;
  message?: unknown;
  errorMessage?: string;
  stopReason?: string;
}

export type GatewaySessionKind = 'direct' | 'group' | 'global' | 'unknown' | 'cron';

/** The latest run of a session, as a session-list row reports it. */
export type SessionRunStatus = 'running' | 'done' | 'failed' | 'killed' | 'timeout';

/** One row of `sessions.list` (the fields we read; times are epoch ms). */
export interface GatewaySessionRow {
  key: string;
  kind: GatewaySessionKind | (string & {});
  label?: string;
  displayName?: string;
  updatedAt: number | null;
  model?: string;
  modelProvider?: string;
  status?: SessionRunStatus | (string & {});
  startedAt?: number;
  endedAt?: number;
  hasActiveRun?: boolean;
  lastActivityAt?: number;
}

/** `sessions.list`'s answer (the fields we read). */
export interface SessionsListResult {
  /** When the list was read, on the gateway's clock. */
  ts: number;
  count?: number;
  sessions: GatewaySessionRow[];
}
