import { createClient } from '@redis/client';
import { describeError } from './fleet-logger';

/** Why `url` is not a Redis URL, or `undefined` if it is one. */
export function checkRedisUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `not a URL: ${JSON.stringify(url)} (expected redis://HOST:PORT)`;
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    return `not a Redis URL: ${JSON.stringify(url)} (expected redis://HOST:PORT)`;
  }
  return undefined;
}

/**
 * Whether Redis answers at `url` within `timeoutMs`: undefined if it does,
 * else one sentence saying why not. For a command's start: a gateway or an
 * aggregator that cannot reach Redis at start says so once and stops, where
 * the libraries would wait for it forever.
 */
export async function pingRedis(url: string, timeoutMs = 3000): Promise<string | undefined> {
  const bad = checkRedisUrl(url);
  if (bad !== undefined) return bad;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: false },
  });
  let lastError: unknown;
  client.on('error', (error: unknown) => (lastError = error));
  const timer = setTimeout(() => client.destroy(), timeoutMs);
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `cannot reach Redis at ${url}: ${describeError(lastError ?? error)}`;
  } finally {
    clearTimeout(timer);
    if (client.isOpen) client.destroy();
  }
}
