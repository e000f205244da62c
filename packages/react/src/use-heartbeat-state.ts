import type { HeartbeatState } from '@session-heartbeat/client';
import { useCallback, useSyncExternalStore } from 'react';
import { useClientFor } from './heartbeat-context';

/**
 * Any slice of the store, re-rendering only when the slice changes
 * (`Object.is`). Select narrowly; wrap a selector that builds a new array or
 * object in zustand's `useShallow`. It reads `client.view`: in a hidden page
 * it re-renders once when the page is shown again, not for every change.
 *
 * @example
 * const hasSnapshot = useHeartbeatState((state) => state.hasSnapshot);
 */
export function useHeartbeatState<T>(
  selector: (state: HeartbeatState) => T,
  hookName = 'useHeartbeatState',
): T {
  const { view, store } = useClientFor(hookName);
  const read = useCallback(() => selector(view.getState()), [view, selector]);
  const readInitial = useCallback(() => selector(store.getInitialState()), [store, selector]);
  return useSyncExternalStore(view.subscribe, read, readInitial);
}
