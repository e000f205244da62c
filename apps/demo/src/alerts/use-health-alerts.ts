import { type HeartbeatState, useHeartbeatClient } from '@session-heartbeat/react';
import { useEffect } from 'react';
import { createHealthAlerter } from './create-health-alerter';
import { alertCount, BASE_TITLE, pageTitle } from './page-title';

/**
 * Opt-in alerts: while `enabled`, the page title counts the stalled and
 * unresponsive sessions and the unreachable gateways of a fleet ("(2)
 * Sessions — Heartbeat"), and `createHealthAlerter` raises browser
 * notifications (when the user allowed them): one summary for what already
 * needed a look when alerts were turned on, then each new problem once per
 * session and reason.
 */
export function useHealthAlerts(enabled: boolean, onOpenSession: (key: string) => void): void {
  const client = useHeartbeatClient();
  useEffect(() => {
    if (!enabled) {
      document.title = BASE_TITLE;
      return undefined;
    }
    const alerter = createHealthAlerter({
      notifications: typeof Notification === 'undefined' ? undefined : Notification,
      serverNow: () => client.serverNow(),
      onOpen: onOpenSession,
    });
    let lastCounts: HeartbeatState['counts'] | undefined;
    let lastSources: HeartbeatState['sources'] | undefined;
    function update(state: HeartbeatState): void {
      if (state.counts !== lastCounts || state.sources !== lastSources) {
        lastCounts = state.counts;
        lastSources = state.sources;
        document.title = pageTitle(alertCount(state.counts, state.sources));
      }
      alerter.update(state);
    }
    update(client.store.getState());
    const unsubscribe = client.store.subscribe(update);
    return () => {
      unsubscribe();
      document.title = BASE_TITLE;
    };
  }, [client, enabled, onOpenSession]);
}
