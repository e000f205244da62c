import {
  createSessionKeysSelector,
  useHeartbeatClient,
  type HeartbeatState,
  type SessionKeysQuery,
} from '@session-heartbeat/react';
import { useMemo, useSyncExternalStore } from 'react';
import type { HoldTimers } from './create-idle-release';
import { createPacedSelection } from './create-paced-selection';

/** The snapshot's last slice landing shows the full order at once. */
const snapshotComplete = (state: HeartbeatState): boolean => state.hasSnapshot;

/**
 * `useSessionKeys`, re-ordered at most once per `intervalMs`
 * (`createPacedSelection`): the first change after a quiet spell shows at
 * once, the rest at the interval's end. A new query (sort, filter, search,
 * source) and the snapshot's last slice show at once. Rows still update in
 * place every frame: only their places wait.
 */
export function usePacedSessionKeys(
  { sortBy, filter, search, source, searchText }: SessionKeysQuery,
  intervalMs: number,
  timers: HoldTimers,
): readonly string[] {
  const client = useHeartbeatClient();
  const paced = useMemo(
    () =>
      createPacedSelection(
        client.view,
        createSessionKeysSelector({ sortBy, filter, search, source, searchText }),
        { intervalMs, isUrgent: snapshotComplete, timers },
      ),
    [client, sortBy, filter, search, source, searchText, intervalMs, timers],
  );
  return useSyncExternalStore(paced.subscribe, paced.getSnapshot, paced.getSnapshot);
}
