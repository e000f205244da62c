import { useCallback, useSyncExternalStore } from 'react';
import { useClientFor } from './heartbeat-context';

/**
 * Now on the server's clock, rounded down to `granularityMs`, for
 * elapsed-time text. Every component shares one timer per client (it wakes
 * at the next boundary, and stops when nothing listens), not an interval each.
 *
 * @example
 * const serverNow = useServerNow(); // ticks once a second
 * const elapsed = serverNow - heartbeat.stateSince;
 */
export function useServerNow(granularityMs = 1000): number {
  const { ticker } = useClientFor('useServerNow');
  const subscribe = useCallback(
    (listener: () => void) => ticker.subscribe(granularityMs, listener),
    [ticker, granularityMs],
  );
  const read = useCallback(() => ticker.read(granularityMs), [ticker, granularityMs]);
  return useSyncExternalStore(subscribe, read, read);
}
