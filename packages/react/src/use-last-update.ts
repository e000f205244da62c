import { useHeartbeatState } from './use-heartbeat-state';

/**
 * `serverTime` of the last frame heard (pings included), or `undefined`
 * before any: "updated 3 s ago" next to `useServerNow()`.
 */
export function useLastUpdate(): number | undefined {
  return useHeartbeatState((state) => state.lastUpdateAt, 'useLastUpdate');
}
