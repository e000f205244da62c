import { createClient } from '@redis/client';

function createConfiguredClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: reconnectDelay },
  });
}

/** A connected (or reconnecting) client of `@redis/client`, configured as below. */
export type RedisClient = ReturnType<typeof createConfiguredClient>;

export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` */
  url: string;
  /**
   * Told of the first connection error of each outage (the client reconnects
   * by itself; a log line per retry would say nothing new).
   */
  onError?: (error: Error) => void;
  /** Told at every (re)connection, once the client is ready. */
  onReady?: () => void;
  /** Told when the connection drops. */
  onDown?: () => void;
}

/** How long a reconnecting client waits before its next try: 100 ms more per try, up to 2 s. */
export function reconnectDelay(retries: number): number {
  return Math.min(100 * (retries + 1), 2000);
}

/**
 * A client that never queues commands while disconnected (they fail at
 * once: the caller decides what to keep), reconnects forever with a short
 * backoff, and reports errors instead of throwing them: an `error` event
 * with no listener would crash the process it is embedded in.
 */
export function createRedisConnection(options: RedisConnectionOptions): RedisClient {
  const client = createConfiguredClient(options.url);
  let reported = false;
  client.on('error', (error: unknown) => {
    if (reported) return;
    reported = true;
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  });
  client.on('ready', () => {
    reported = false;
    options.onReady?.();
  });
  client.on('end', () => options.onDown?.());
  client.on('reconnecting', () => options.onDown?.());
  return client;
}

/** Connects in the background: the first `ready` is reported like any other. */
export function connectInBackground(client: RedisClient): void {
  // connect() retries until it succeeds or the client is destroyed (then it
  // rejects, which is nobody's error).
  client.connect().catch(() => undefined);
}
