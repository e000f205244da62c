/** How long to wait before reconnect attempt `n`. */
export interface BackoffOptions {
  /**
   * The delay before the first retry, before jitter.
   * @default 500
   */
  initialMs?: number;
  /**
   * The largest delay, before jitter. Retries go on forever at this pace.
   * @default 5000
   */
  maxMs?: number;
  /**
   * Each delay is spread uniformly by ± this fraction, so that many clients
   * dropped together do not come back together.
   * @default 0.5
   */
  jitter?: number;
}

export const DEFAULT_BACKOFF: Readonly<Required<BackoffOptions>> = Object.freeze({
  initialMs: 500,
  maxMs: 5000,
  jitter: 0.5,
});

/** `options` with every default filled in. */
export function resolveBackoff(options: BackoffOptions = {}): Required<BackoffOptions> {
  return {
    initialMs: options.initialMs ?? DEFAULT_BACKOFF.initialMs,
    maxMs: options.maxMs ?? DEFAULT_BACKOFF.maxMs,
    jitter: options.jitter ?? DEFAULT_BACKOFF.jitter,
  };
}

/**
 * Exponential backoff with jitter: `initialMs × 2^(attempt − 1)`, capped at
 * `maxMs`, then spread by ±`jitter`. `attempt` counts from 1; `random` is a
 * number in [0, 1).
 *
 * @example
 * computeBackoff(1, {}, Math.random) // 250–750 ms
 * computeBackoff(10, {}, Math.random) // 2500–7500 ms
 */
export function computeBackoff(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const { initialMs, maxMs, jitter } = resolveBackoff(options);
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const base = Math.min(maxMs, initialMs * 2 ** exponent);
  const spread = Math.min(Math.max(jitter, 0), 1);
  return Math.round(base * (1 - spread + 2 * spread * random()));
}
