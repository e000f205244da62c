/** Reconnect delays, as the Control UI's gateway client schedules them. */
export interface GatewayBackoffOptions {
  /** The delay before the first retry. @default 800 */
  initialMs?: number;
  /** Each further retry waits this many times longer. @default 1.7 */
  factor?: number;
  /** The longest delay; retries go on at this pace. @default 15000 */
  maxMs?: number;
  /**
   * Spreads each delay uniformly by ± this fraction (the host uses none; a
   * dashboard shown to many people may want some).
   * @default 0
   */
  jitter?: number;
}

export const GATEWAY_BACKOFF: Readonly<Required<GatewayBackoffOptions>> = Object.freeze({
  initialMs: 800,
  factor: 1.7,
  maxMs: 15_000,
  jitter: 0,
});

/**
 * The delay before reconnect attempt `attempt` (from 1): `initialMs ×
 * factor^(attempt − 1)`, capped at `maxMs`, then jittered. `random` returns
 * a number in [0, 1).
 *
 * @example
 * gatewayBackoff(1) // 800
 * gatewayBackoff(2) // 1360
 * gatewayBackoff(9) // 15000
 */
export function gatewayBackoff(
  attempt: number,
  options: GatewayBackoffOptions = {},
  random: () => number = () => 0.5,
): number {
  const initialMs = Math.max(0, options.initialMs ?? GATEWAY_BACKOFF.initialMs);
  const factor = Math.max(1, options.factor ?? GATEWAY_BACKOFF.factor);
  const maxMs = Math.max(initialMs, options.maxMs ?? GATEWAY_BACKOFF.maxMs);
  const jitter = Math.min(Math.max(options.jitter ?? GATEWAY_BACKOFF.jitter, 0), 1);
  const tries = Number.isFinite(attempt) ? Math.max(Math.floor(attempt), 1) : 1;
  const exponent = Math.min(tries - 1, 60);
  const base = Math.min(maxMs, initialMs * factor ** exponent);
  return Math.round(base * (1 - jitter + 2 * jitter * random()));
}
