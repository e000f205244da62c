/**
 * The load scenario's `--rate` (transitions per second in total) that makes
 * `messagesPerSecond` heartbeats per second in total, with `sessions`
 * sessions at the periodic `intervalMs`.
 *
 * Not `messagesPerSecond − sessions / interval`: the emitter re-arms a
 * session's periodic beat after every heartbeat it sends ("at most interval
 * ms after its previous heartbeat"), and the load scenario moves sessions in
 * round-robin, so each one transitions every `sessions / rate` seconds. Once
 * that is shorter than the interval, periodic beats never fall due and every
 * heartbeat is a transition: the total is the rate itself. At rate 0 the
 * total is the periodic beats alone, `sessions / interval`. (Measured: 10,000
 * sessions at `--rate 3000` send 3,000 heartbeats/s, all transitions.)
 */
export function loadRateFor(
  sessions: number,
  messagesPerSecond: number,
  intervalMs: number,
): number {
  const periodicPerSecond = (sessions * 1000) / intervalMs;
  if (messagesPerSecond < periodicPerSecond) {
    throw new RangeError(
      `${sessions} sessions at ${intervalMs} ms make ${periodicPerSecond} heartbeats/s at least, not ${messagesPerSecond}`,
    );
  }
  return messagesPerSecond === periodicPerSecond ? 0 : messagesPerSecond;
}
