import { useHeartbeatClient } from '@session-heartbeat/react';
import { useCallback, useContext, useSyncExternalStore } from 'react';
import { ActionFlowContext } from '../session-row/action-flow-context';

/**
 * Whether anything of an action is under way or remembered for a session:
 * a confirm open in the list, or a run of any of its actions in the client's
 * mutation cache. When not, every rung of its ladder is idle, so a row that
 * is not offered actions need not work the ladder out (three actions' runs,
 * in every row of every frame). One read of the mutation cache, which holds
 * only the runs a person started.
 */
export function useHasActionRuns(sessionKey: string): boolean {
  const client = useHeartbeatClient();
  const confirming = useContext(ActionFlowContext)?.confirming;
  const cache = client.queryClient.getMutationCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  // The keys of one session's actions share all but their last part.
  const prefix = client.actionMutationOptions(sessionKey, 'restart').mutationKey?.slice(0, -1);
  const read = (): boolean =>
    prefix !== undefined && cache.findAll({ mutationKey: prefix }).length > 0;
  const hasRuns = useSyncExternalStore(subscribe, read, read);
  return hasRuns || confirming?.sessionKey === sessionKey;
}
