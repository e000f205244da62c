import type { ConnectionStatus, TransportKind } from './connection-status';
import type { SourceProblem } from './heartbeat-source';

/**
 * The part of a `BroadcastChannel` the shared connection uses: the browser's
 * fits, and so does an in-memory one in tests.
 */
export interface TabChannel {
  /** Sends a structured clone to every other channel of this name in the origin. */
  postMessage(message: unknown): void;
  /** Hears what the other channels of this name post. */
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** `BroadcastChannel`'s constructor: a channel by name. */
export type TabChannelConstructor = new (name: string) => TabChannel;

/** What `LockManager.query()` answers, as far as the shared connection reads it. */
export interface TabLockSnapshot {
  /** Locks held now, by any tab of the origin. */
  held?: readonly { name?: string | undefined }[] | undefined;
  /** Requests waiting for a lock: here, the tabs waiting to lead. */
  pending?: readonly { name?: string | undefined }[] | undefined;
}

/**
 * The part of `navigator.locks` (Web Locks) the shared connection uses. The
 * lock is held for as long as the granted callback's promise is pending, and
 * the browser releases it when the tab goes away.
 */
export interface TabLockManager {
  /** Runs `callback` once the exclusive lock `name` is granted; a `signal` withdraws a waiting request. */
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
  /** Who holds and who waits for which lock. */
  query(): Promise<TabLockSnapshot>;
}

/**
 * What tabs say to each other over the channel. Times are never sent as
 * instants: each tab has its own view of the clock (a frozen tab, a test's
 * fake clock), so the leader sends how long ago it received a frame, and the
 * follower subtracts that from its own clock.
 */
export type TabMessage =
  /** A follower joined: the leader answers with the current snapshot and status. */
  | { kind: 'hello'; tab: string }
  /** A follower heard nothing for too long: a fresh snapshot, please. */
  | { kind: 'resync'; tab: string }
  /** A follower's page was hidden (it moves to the background channel) or shown again. */
  | { kind: 'background'; tab: string; hidden: boolean }
  /**
   * A frame the leader received, as it parsed it; `to`: for one tab only;
   * `switched`: the leader's answer to that tab's `background`.
   */
  | {
      kind: 'frame';
      frame: unknown;
      ageMs: number;
      sentAgoMs?: number;
      to?: string;
      switched?: string;
    }
  | { kind: 'status'; status: ConnectionStatus; to?: string }
  | { kind: 'problem'; problem: SourceProblem };

/** The local times a frame was heard at (`sentAt`: when its request left, over HTTP). */
export interface FrameTimes {
  receivedAt: number;
  sentAt?: number | undefined;
}

/** A `frame` message: times go as ages from `now` (each tab reads them on its own clock). */
export function frameMessage(
  frame: unknown,
  heard: FrameTimes,
  now: number,
  address: { to?: string; switched?: string } = {},
): TabMessage {
  return {
    kind: 'frame',
    frame,
    ageMs: Math.max(0, now - heard.receivedAt),
    ...(heard.sentAt === undefined ? {} : { sentAgoMs: Math.max(0, now - heard.sentAt) }),
    ...address,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isAge = (value: unknown): value is number => isTime(value) && value >= 0;

function isTransport(value: unknown): value is TransportKind {
  return value === 'websocket' || value === 'polling';
}

/** A status from another tab, checked field by field (the channel is open to any script of the origin). */
export function readStatus(value: unknown): ConnectionStatus | undefined {
  if (!isObject(value) || !isTime(value.since)) return undefined;
  const { since } = value;
  const kind = value.kind as ConnectionStatus['kind'];
  switch (kind) {
    case 'stopped':
    case 'live':
    case 'offline':
      return { kind, since };
    case 'connecting':
      return isTime(value.attempt) && isTransport(value.transport)
        ? { kind, since, attempt: value.attempt, transport: value.transport }
        : undefined;
    case 'polling': {
      if (!isTime(value.intervalMs)) return undefined;
      const status: ConnectionStatus = { kind, since, intervalMs: value.intervalMs };
      if (isTime(value.nextUpgradeAt)) status.nextUpgradeAt = value.nextUpgradeAt;
      return status;
    }
    case 'reconnecting':
      return isTime(value.attempt) && isTime(value.nextRetryAt) && isText(value.reason)
        ? {
            kind,
            since,
            attempt: value.attempt,
            nextRetryAt: value.nextRetryAt,
            reason: value.reason,
          }
        : undefined;
    case 'unauthorized':
      return isText(value.reason) ? { kind, since, reason: value.reason } : undefined;
    default:
      kind satisfies never;
      return undefined;
  }
}

/**
 * A message of the shared connection, or `undefined` for anything else (a
 * stray or malformed message is ignored; it costs the tab nothing). The frame
 * inside a `frame` message is checked later, as a socket's would be.
 */
export function readTabMessage(data: unknown): TabMessage | undefined {
  if (!isObject(data)) return undefined;
  const to = data.to;
  if (to !== undefined && !isText(to)) return undefined;
  const addressed = to === undefined ? {} : { to };
  switch (data.kind) {
    case 'hello':
    case 'resync':
      return isText(data.tab) ? { kind: data.kind, tab: data.tab } : undefined;
    case 'background':
      return isText(data.tab) && typeof data.hidden === 'boolean'
        ? { kind: 'background', tab: data.tab, hidden: data.hidden }
        : undefined;
    case 'frame': {
      if (!isAge(data.ageMs)) return undefined;
      if (data.sentAgoMs !== undefined && !isAge(data.sentAgoMs)) return undefined;
      if (data.switched !== undefined && !isText(data.switched)) return undefined;
      const sent = data.sentAgoMs === undefined ? {} : { sentAgoMs: data.sentAgoMs };
      const switched = data.switched === undefined ? {} : { switched: data.switched };
      return {
        kind: 'frame',
        frame: data.frame,
        ageMs: data.ageMs,
        ...sent,
        ...addressed,
        ...switched,
      };
    }
    case 'status': {
      const status = readStatus(data.status);
      return status === undefined ? undefined : { kind: 'status', status, ...addressed };
    }
    case 'problem': {
      const problem = data.problem;
      if (!isObject(problem) || !isText(problem.reason)) return undefined;
      if (problem.dropped !== 'frame' && problem.dropped !== 'heartbeat') return undefined;
      return { kind: 'problem', problem: { dropped: problem.dropped, reason: problem.reason } };
    }
    default:
      return undefined;
  }
}
