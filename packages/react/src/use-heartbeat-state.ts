import type { HeartbeatState } from '@session-heartbeat/client';
import { useStore } from 'zustand';
import { useClientFor } from './heartbeat-context';

/**
 * Any slice of the store, re-rendering only when the slice changes
 * (`Object.is`). Select narrowly; wrap a selector that builds a new array or
 * object in zustand's `useShallow`.
 *
 * @example
 * const hasSnapshot = useHeartbeatState((state) => state.hasSnapshot);
 */
export function useHeartbeatState<T>(
  selector: (state: HeartbeatState) => T,
  hookName = 'useHeartbeatState',
): T {
  return useStore(useClientFor(hookName).store, selector);
}
