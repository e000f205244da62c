import { useHeartbeatClient, type SessionAction } from '@session-heartbeat/react';
import { useContext, useState } from 'react';
import { ActionFlowContext } from '../session-row/action-flow-context';
import { announcePolitely, prepareAnnouncer } from '../session-row/announce-politely';
import { createSessionActionRequest } from '../session-row/session-action-request';
import { stillApplies } from './bulk-action-sets';
import { bulkOutcomeMessage, bulkProgressMessage } from './bulk-action-words';
import { runWithLimit } from './run-with-limit';

/**
 * How many of a bulk action's requests are in flight at once: 500 sessions
 * do not open 500 requests to the gateway.
 */
export const BULK_CONCURRENCY = 4;

export interface BulkRun {
  /** Said while a bulk action runs: "Restarting 12 sessions: 5 of 12 done." */
  progress: string | undefined;
  /** Said once it ended: "Restarted 11 of 12; 1 failed: … — …". */
  result: string | undefined;
  dismissResult: () => void;
  /**
   * Runs `action` on `sessionKeys` (the set as confirmed: sessions that join
   * the filter later are not touched), through the same path as a row's
   * button: the host's `onAction` per session, then `client.runAction`, so
   * every row shows its own pending, done or failed. A session that no longer
   * needs it (it recovered since) is left alone.
   */
  start: (action: SessionAction, sessionKeys: readonly string[]) => void;
}

export function useBulkRun(): BulkRun {
  const client = useHeartbeatClient();
  const flow = useContext(ActionFlowContext);
  const [progress, setProgress] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<string | undefined>(undefined);
  const start = (action: SessionAction, chosen: readonly string[]) => {
    const sessions = client.store.getState().sessions;
    const sessionKeys = chosen.filter((key) => stillApplies(action, sessions.get(key)));
    prepareAnnouncer();
    setResult(undefined);
    let settled = 0;
    setProgress(bulkProgressMessage(action, settled, sessionKeys.length));
    void runWithLimit(
      sessionKeys,
      BULK_CONCURRENCY,
      (sessionKey) => {
        const request = createSessionActionRequest(sessionKey, action);
        flow?.onAction?.(request);
        return client.runAction(sessionKey, action, {
          stateSince: client.store.getState().sessions.get(sessionKey)?.heartbeat.stateSince,
          askedAt: client.serverNow(),
          handledByHost: request.defaultPrevented,
        });
      },
      () => {
        settled += 1;
        setProgress(bulkProgressMessage(action, settled, sessionKeys.length));
      },
    ).then((outcomes) => {
      const failed = outcomes.flatMap((outcome, index) =>
        outcome.status === 'rejected'
          ? [
              {
                sessionKey: sessionKeys[index] ?? '',
                reason: outcome.reason instanceof Error ? outcome.reason.message : undefined,
              },
            ]
          : [],
      );
      const message = bulkOutcomeMessage({
        action,
        total: sessionKeys.length,
        succeeded: sessionKeys.length - failed.length,
        failed,
        skipped: chosen.length - sessionKeys.length,
      });
      setProgress(undefined);
      setResult(message);
      announcePolitely(message);
    });
  };
  return { progress, result, dismissResult: () => setResult(undefined), start };
}
