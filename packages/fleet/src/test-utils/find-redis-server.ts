import { existsSync } from 'node:fs';

/** Debian's `redis-server` (`apt-get install redis-server`), then Valkey's drop-in. */
const CANDIDATES = ['/usr/bin/redis-server', '/usr/bin/valkey-server'];

/**
 * The Redis server the fleet's tests and `pnpm fleet-demo` start on a free
 * port of their own: `$REDIS_SERVER` when set, else Debian's. `pnpm test`
 * installs it when missing (scripts/ensure-test-tools.ts), as it does Chromium.
 */
export function findRedisServer(): string | undefined {
  const chosen = process.env.REDIS_SERVER;
  if (chosen !== undefined && chosen !== '') return existsSync(chosen) ? chosen : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}
