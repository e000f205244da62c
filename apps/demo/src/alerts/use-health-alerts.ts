import { needsAttention } from '@session-heartbeat/core';
import {
  type HeartbeatState,
  type SessionEntry,
  useHeartbeatClient,
} from '@session-heartbeat/react';
import { describeHealthReason, HEALTH_LABELS } from '@session-heartbeat/ui';
import { useEffect } from 'react';
import { alertCount, BASE_TITLE, pageTitle } from './page-title';

/** Beyond this many at once, one summary notification instead of one each. */
const MAX_SEPARATE_NOTIFICATIONS = 3;
/** Episodes remembered (oldest forgotten first), so a long-lived page stays small. */
const MAX_REMEMBERED = 2000;

/**
 * One stall or silence, identified so that the same episode is never
 * notified twice (after a reconnect, say), while a new one is.
 */
function episodeOf(entry: SessionEntry): string {
  const { heartbeat } = entry;
  const since = entry.health === 'unresponsive' ? heartbeat.emittedAt : heartbeat.stateSince;
  return `${entry.sessionKey}\n${entry.health}\n${since}`;
}

function notify(entries: SessionEntry[], serverNow: number, onOpen: (key: string) => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const show = (title: string, body: string, tag: string, key?: string) => {
    try {
      const notification = new Notification(title, { body, tag });
      notification.onclick = () => {
        window.focus();
        if (key !== undefined) onOpen(key);
        notification.close();
      };
    } catch {
      // Some browsers only allow notifications from a service worker: the title still counts.
    }
  };
  if (entries.length > MAX_SEPARATE_NOTIFICATIONS) {
    const keys = entries.map((entry) => entry.sessionKey);
    show(
      `${entries.length} sessions need a look`,
      `${keys.slice(0, 3).join(', ')}, …`,
      'session-heartbeat-summary',
    );
    return;
  }
  for (const entry of entries) {
    const reason = describeHealthReason(entry.verdict, entry.heartbeat, serverNow);
    show(
      `${entry.sessionKey} is ${HEALTH_LABELS[entry.health].toLowerCase()}`,
      reason ?? '',
      `session-heartbeat:${entry.sessionKey}`,
      entry.sessionKey,
    );
  }
}

function notifySource(id: string, sessions: number): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(`${id} is unreachable`, {
      body: `${sessions} session${sessions === 1 ? '' : 's'} unknown until it is heard again`,
      tag: `session-heartbeat-source:${id}`,
    });
  } catch {
    // As in notify(): the title still counts it.
  }
}

/**
 * Opt-in alerts: while `enabled`, the page title counts the stalled and
 * unresponsive sessions and the unreachable gateways of a fleet ("(2)
 * Sessions — Heartbeat"), and each session that turns stalled or
 * unresponsive, and each gateway that turns unreachable, raises a browser
 * notification (when the user allowed them). Sessions that already needed a look when alerts were
 * switched on are counted but not notified.
 */
export function useHealthAlerts(enabled: boolean, onOpenSession: (key: string) => void): void {
  const client = useHeartbeatClient();
  useEffect(() => {
    if (!enabled) {
      document.title = BASE_TITLE;
      return undefined;
    }
    const notified = new Set<string>();
    let seeded = false;
    let lastCounts: HeartbeatState['counts'] | undefined;
    let lastSources: HeartbeatState['sources'] | undefined;

    function update(state: HeartbeatState): void {
      if (state.counts === lastCounts && state.sources === lastSources) return;
      lastCounts = state.counts;
      lastSources = state.sources;
      document.title = pageTitle(alertCount(state.counts, state.sources));
      if (!state.hasSnapshot) return;
      // Fleet: a gateway that cannot be heard is one alert, not one per session.
      for (const source of state.sources) {
        if (source.status !== 'unreachable') continue;
        const episode = `source\n${source.id}\n${source.lastSeenAt}`;
        if (notified.has(episode)) continue;
        notified.add(episode);
        if (seeded) notifySource(source.id, source.sessions);
      }
      const fresh: SessionEntry[] = [];
      for (const entry of state.sessions.values()) {
        if (!needsAttention(entry.health)) continue;
        const episode = episodeOf(entry);
        if (notified.has(episode)) continue;
        notified.add(episode);
        fresh.push(entry);
      }
      for (const episode of notified) {
        if (notified.size <= MAX_REMEMBERED) break;
        notified.delete(episode);
      }
      if (seeded && fresh.length > 0) notify(fresh, client.serverNow(), onOpenSession);
      seeded = true;
    }

    update(client.store.getState());
    const unsubscribe = client.store.subscribe(update);
    return () => {
      unsubscribe();
      document.title = BASE_TITLE;
    };
  }, [client, enabled, onOpenSession]);
}
