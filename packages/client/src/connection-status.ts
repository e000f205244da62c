/**
 * How the client hears the server, as data. All times are on the server's
 * clock (`client.serverNow()`), so one ticking clock serves every countdown.
 *
 * - `stopped`: the client is not started (or was stopped).
 * - `connecting`: the first attempt is under way.
 * - `live`: a push connection delivered its snapshot and is heard from.
 * - `polling`: push is unavailable; the batch endpoint is polled every `intervalMs`.
 * - `reconnecting`: the connection was lost; the next try is at `nextRetryAt`.
 * - `offline`: the browser has no network; nothing is tried until it returns.
 * - `unauthorized`: the server refused the token (`4401` or HTTP `401`); no retry.
 *
 * @example
 * switch (status.kind) {
 *   case 'reconnecting':
 *     return `Reconnecting in ${Math.ceil((status.nextRetryAt - serverNow) / 1000)} s`;
 *   // …
 * }
 */
export type ConnectionStatus =
  | { kind: 'stopped'; since: number }
  | { kind: 'connecting'; since: number; attempt: number; transport: TransportKind }
  | { kind: 'live'; since: number }
  | { kind: 'polling'; since: number; intervalMs: number; nextUpgradeAt?: number }
  | {
      kind: 'reconnecting';
      since: number;
      /** Consecutive failed attempts so far (1 after the first failure). */
      attempt: number;
      nextRetryAt: number;
      /** What went wrong last, for a tooltip. */
      reason: string;
    }
  | { kind: 'offline'; since: number }
  | { kind: 'unauthorized'; since: number; reason: string };

export type ConnectionStatusKind = ConnectionStatus['kind'];

/** The wire a connection attempt uses. */
export type TransportKind = 'websocket' | 'polling';

/**
 * Whether a status says a connection is up (`live` or `polling`). The client
 * hears the server (`HeartbeatState.listening`) only while this holds and a
 * frame arrived within 2 × interval; views read `listening`, not this.
 */
export function isConnectedStatus(status: ConnectionStatus): boolean {
  switch (status.kind) {
    case 'live':
    case 'polling':
      return true;
    case 'stopped':
    case 'connecting':
    case 'reconnecting':
    case 'offline':
    case 'unauthorized':
      return false;
    default:
      return status satisfies never;
  }
}

/**
 * `next`, keeping `since` from `previous` when the kind did not change (a
 * second reconnect attempt is still the same outage).
 */
export function continueStatus<S extends ConnectionStatus>(previous: ConnectionStatus, next: S): S {
  return previous.kind === next.kind ? { ...next, since: previous.since } : next;
}

/** Whether two statuses say the same thing (so a repeated report changes nothing). */
export function sameStatus(a: ConnectionStatus, b: ConnectionStatus): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => left[key] === right[key]);
}
