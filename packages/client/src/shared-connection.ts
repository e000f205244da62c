import type { TabChannelConstructor, TabLockManager } from './tab-channel';

/** What tabs share a connection through: Web Locks to elect a leader, a channel to fan out. */
export interface SharedConnectionOptions {
  /** @default navigator.locks */
  locks: TabLockManager;
  /** @default globalThis.BroadcastChannel */
  BroadcastChannel: TabChannelConstructor;
}

/**
 * The browser's Web Locks and BroadcastChannel, when this runtime has both.
 * Web Locks exist only in secure contexts (https, localhost): a dashboard
 * served over plain http from another host connects on its own.
 */
export function browserTabSharing(): SharedConnectionOptions | undefined {
  const locks = (globalThis.navigator as { locks?: TabLockManager } | undefined)?.locks;
  const Channel = globalThis.BroadcastChannel as TabChannelConstructor | undefined;
  return locks === undefined || Channel === undefined
    ? undefined
    : { locks, BroadcastChannel: Channel };
}

/**
 * Whether a client shares its connection with the other tabs, and through what.
 *
 * `undefined` (the default) shares only in a real browser page that has both
 * APIs, and only for a client that uses the page's own WebSocket, fetch and
 * environment: one given its own (a test with fakes, Node with `ws`, a fake
 * clock) is not a tab of the real page, so joining other tabs would mix a fake
 * world with the real one. `true` shares whenever the APIs exist; without them
 * (SSR, an old browser, a sandboxed frame) the client connects on its own, as
 * it always did, behind the same hooks.
 */
export function resolveSharedConnection(
  option: boolean | SharedConnectionOptions | undefined,
  ownTransport: boolean,
): SharedConnectionOptions | undefined {
  if (option === false) return undefined;
  if (option === undefined && ownTransport) return undefined;
  if (option === true || option === undefined) return browserTabSharing();
  return option;
}

/** FNV-1a, 32 bits: tells tokens apart in a name without spelling them out. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/**
 * The lock and channel name of a connection: tabs share one only when it is
 * the same server list, transport and token. The token is fingerprinted: a
 * tab whose token the server refuses must not read through one it accepts,
 * and lock names are visible to every script of the origin.
 */
export function sharedConnectionName(
  baseUrls: readonly string[],
  transport: string,
  token: string | undefined,
): string {
  const credentials = token === undefined ? 'none' : fingerprint(token);
  return `session-heartbeat:${JSON.stringify(baseUrls)}:${transport}:${credentials}`;
}
