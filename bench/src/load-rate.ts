import { loadRateForHeartbeats } from '@session-heartbeat/mock-server/scenarios';

/**
 * The load scenario's `--rate` (transitions per second in total) that makes
 * `messagesPerSecond` heartbeats per second in total, with `sessions`
 * sessions at the periodic `intervalMs`.
 *
 * Not `messagesPerSecond` itself: each load session stays in a state for a
 * heavy-tailed time of its own (apps/mock-server's `LOAD_SESSION_MODEL`),
 * and the emitter beats a session `interval` ms after its previous
 * heartbeat, so every stay longer than the interval adds periodic beats to
 * the transitions. The mock server's model gives the expected total for a
 * rate, and this is its inverse (`loadRateForHeartbeats`). At rate 0 the
 * total is the periodic beats alone, `sessions / interval`; fewer throws a
 * RangeError.
 */
export function loadRateFor(
  sessions: number,
  messagesPerSecond: number,
  intervalMs: number,
): number {
  return loadRateForHeartbeats(sessions, messagesPerSecond, intervalMs);
}
