import type { BackoffOptions } from '@session-heartbeat/client';

/**
 * Reconnect delays as the Control UI's own gateway client schedules them:
 * 800 ms × 1.7 per try, capped at 15 s, no jitter (a dashboard shown to many
 * people may want some: pass `backoff: { jitter: 0.2 }`).
 */
export const GATEWAY_BACKOFF: Readonly<Required<BackoffOptions>> = Object.freeze({
  initialMs: 800,
  factor: 1.7,
  maxMs: 15_000,
  jitter: 0,
});
