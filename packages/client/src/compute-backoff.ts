/** How long to wait before reconnect attempt `n`. */
export interface BackoffOptions {
  /**
   * The delay before the first retry, before jitter.
   * @default 500
   */
  initialMs?: number;
  /**
   * Each further retry waits this many times longer (at least 1).
   * @default 2
   */
  factor?: number;
  /**
   * The largest delay, before jitter. Retries go on forever at this pace.
   * @default 5000
   */
  maxMs?: number;
  /**
   * Each delay is spread uniformly by ± this fraction (0 to 1), so that many
   * clients dropped together do not come back together.
   * @default 0.5
   */
  jitter?: number;
}

const DEFAULT_BACKOFF: Readonly<Required<BackoffOptions>> = Object.freeze({
  initialMs: 500,
  factor: 2,
  maxMs: 5000,
  jitter: 0.5,
});

/** `options` with every default filled in and every bound made sane. */
export function resolveBackoff(options: BackoffOptions = {}): Required<BackoffOptions> {
  const initialMs = Math.max(0, options.initialMs ?? DEFAULT_BACKOFF.initialMs);
  return {
    initialMs,
    factor: Math.max(1, options.factor ?? DEFAULT_BACKOFF.factor),
    maxMs: Math.max(initialMs, options.maxMs ?? DEFAULT_BACKOFF.maxMs),
    jitter: Math.min(Math.max(options.jitter ?? DEFAULT_BACKOFF.jitter, 0), 1),
  };
}

/**
 * Exponential backoff with jitter: `initialMs × factor^(attempt − 1)`, capped
 * at `maxMs`, then spread by ±`jitter`. `attempt` counts from 1 (anything
 * else reads as 1); `random` returns a number in [0, 1).
 *
 * @example
 * computeBackoff(1, {}, Math.random) // 250–750 ms
 * computeBackoff(10, {}, Math.random) // 2500–7500 ms
 * computeBackoff(2, { initialMs: 800, factor: 1.7, maxMs: 15_000, jitter: 0 }, Math.random) // 1360 ms
 */
export function computeBackoff(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const { initialMs, factor, maxMs, jitter } = resolveBackoff(options);
  const tries = Number.isFinite(attempt) ? Math.max(Math.floor(attempt), 1) : 1;
  const exponent = Math.min(tries - 1, 60);
  const base = Math.min(maxMs, initialMs * factor ** exponent);
  return Math.round(base * (1 - jitter + 2 * jitter * random()));
}
