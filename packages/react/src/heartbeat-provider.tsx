import type { ThresholdConfig } from '@session-heartbeat/core';
import {
  createHeartbeatClient,
  type HeartbeatClient,
  type HeartbeatClientOptions,
} from '@session-heartbeat/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { HeartbeatContext } from './heartbeat-context';

export type HeartbeatProviderProps =
  | {
      /**
       * A client made elsewhere. The provider holds it while mounted
       * (`start()` on mount, `stop()` on unmount: counted, so a host that
       * started it too keeps it running).
       */
      client: HeartbeatClient;
      children?: ReactNode;
    }
  | (HeartbeatClientOptions & {
      client?: undefined;
      children?: ReactNode;
    });

/** Compares threshold configs by value: an inline object literal must not re-evaluate every session on each render. */
function useStableThresholds(thresholds: ThresholdConfig | undefined): ThresholdConfig | undefined {
  const key = thresholds === undefined ? undefined : JSON.stringify(thresholds);
  const [stable, setStable] = useState({ key, thresholds });
  if (stable.key !== key) {
    const next = { key, thresholds };
    setStable(next);
    return next.thresholds;
  }
  return stable.thresholds;
}

/** What identifies a connection: a change of any of these is a new client. */
function connectionOf(options: HeartbeatClientOptions): unknown[] {
  const { baseUrl, token, source, queryClient, environment, WebSocket, fetch } = options;
  return [baseUrl, token, source, queryClient, environment, WebSocket, fetch];
}

function sameConnection(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

/**
 * The client this provider owns, made from its props (a client is pure until
 * started, so making one while rendering is safe). Thresholds and transport
 * change on the running client; anything else that identifies the connection
 * makes a new one.
 */
function useOwnClient(options: HeartbeatClientOptions | undefined): HeartbeatClient | undefined {
  const [owned, setOwned] = useState(() =>
    options === undefined
      ? undefined
      : { connection: connectionOf(options), client: createHeartbeatClient(options) },
  );
  if (options === undefined) return undefined;
  const connection = connectionOf(options);
  if (owned === undefined || !sameConnection(owned.connection, connection)) {
    const next = { connection, client: createHeartbeatClient(options) };
    setOwned(next);
    return next.client;
  }
  return owned.client;
}

/**
 * Creates a heartbeat client from its props (or takes `client`), shares its
 * `QueryClient` with `useMutation` & co. through `QueryClientProvider`, and
 * holds the client for as long as it is mounted: `start()` on mount and
 * `stop()` on unmount, which the client counts, so elements or a host that
 * hold the same client keep it running (StrictMode-safe: a client stopped by
 * an unmount starts again on the remount).
 *
 * `thresholds` (compared by value) and `transport` change on the running
 * client; a new `baseUrl`, `token`, `source`, `queryClient`, `environment`,
 * `WebSocket` or `fetch` makes a new client; other options are read once.
 *
 * @example
 * <HeartbeatProvider baseUrl="https://gateway.local:18789" token={token}>
 *   <SessionList />
 * </HeartbeatProvider>
 */
export function HeartbeatProvider(props: HeartbeatProviderProps): ReactNode {
  const ownClient = useOwnClient(props.client === undefined ? props : undefined);
  const client = props.client ?? (ownClient as HeartbeatClient);
  const thresholds = useStableThresholds(props.client === undefined ? props.thresholds : undefined);
  const ownsClient = props.client === undefined;
  // Transport can change at runtime on a client that reaches its server by URL.
  const transport =
    props.client === undefined && props.source === undefined ? props.transport : undefined;

  useEffect(() => {
    if (ownsClient) client.setThresholds(thresholds);
  }, [client, ownsClient, thresholds]);

  useEffect(() => {
    if (transport !== undefined) client.setTransport(transport);
  }, [client, transport]);

  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);

  return (
    <QueryClientProvider client={client.queryClient}>
      <HeartbeatContext.Provider value={client}>{props.children}</HeartbeatContext.Provider>
    </QueryClientProvider>
  );
}
