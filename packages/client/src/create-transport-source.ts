import type { QueryClient } from '@tanstack/query-core';
import { createNetworkSources } from './create-failover-source';
import type { NetworkSourceOptions, TransportMode } from './create-network-source';
import { createSharedSource } from './create-shared-source';
import type { HeartbeatClientOptions } from './heartbeat-client';
import type { HeartbeatSource } from './heartbeat-source';
import { resolveSharedConnection, sharedConnectionName } from './shared-connection';

/**
 * The client's network source for a transport mode: the servers at
 * `baseUrls` in failover order, shared with the other tabs of the origin
 * when `shareConnection` (or its default) says so. The default shares only
 * in a page that injected nothing (environment, WebSocket, fetch): a test
 * that injects them gets a connection of its own. With `worker`, the
 * connection itself runs in a dedicated Worker (see `transportWorker`).
 */
export function createTransportSource(
  options: HeartbeatClientOptions,
  baseUrls: readonly string[],
  queryClient: QueryClient,
): (mode: TransportMode) => HeartbeatSource {
  const sharing = resolveSharedConnection(
    options.shareConnection,
    options.environment !== undefined ||
      options.WebSocket !== undefined ||
      options.fetch !== undefined,
  );
  return (mode) => {
    const networkOptions: NetworkSourceOptions = {
      ...options,
      baseUrl: baseUrls[0] as string,
      queryClient,
      transport: mode,
    };
    const inPage = createNetworkSources(baseUrls, networkOptions);
    const network =
      options.worker === undefined
        ? inPage
        : options.worker.wrap(inPage, {
            baseUrls,
            token: options.token,
            transport: mode,
            backoff: options.backoff,
            fallbackAfterFailures: options.fallbackAfterFailures,
            upgradeIntervalMs: options.upgradeIntervalMs,
          });
    if (sharing === undefined) return network;
    return createSharedSource(network, {
      ...sharing,
      name: sharedConnectionName(baseUrls, mode, options.token),
      transport: mode === 'polling' ? 'polling' : 'websocket',
    });
  };
}
