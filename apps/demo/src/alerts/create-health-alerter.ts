import { needsAttention } from '@session-heartbeat/core';
import type { HeartbeatState, SessionEntry } from '@session-heartbeat/react';
import { describeHealthReason, HEALTH_LABELS } from '@session-heartbeat/ui';

/** What the alerter needs of the browser's `Notification` (injected: tests pass a fake one). */
export interface NotificationConstructorLike {
  readonly permission: NotificationPermission;
  new (title: string, options?: NotificationOptions): { onclick: unknown; close(): void };
}

/** Beyond this many new problems at once, one summary notification instead of one each. */
const MAX_SEPARATE_NOTIFICATIONS = 3;
/** Alerts remembered (oldest forgotten first), so a long-lived page stays small. */
const MAX_REMEMBERED = 2000;

export interface HealthAlerterOptions {
  /** The browser's `Notification`, or undefined where there is none. */
  notifications: NotificationConstructorLike | undefined;
  /** Now, on the server's clock (for the reason's words: "no progress for 42 s"). */
  serverNow: () => number;
  /** A notification about one session was clicked. */
  onOpen: (sessionKey: string) => void;
}

export interface HealthAlerter {
  /** Looks at the newest state; notifies what is new. */
  update(state: HeartbeatState): void;
}

/**
 * The alert for one session: the session and why (`stalled` because
 * `tool_loop`, `unresponsive` because `no_heartbeat`), and since when, so
 * the same problem is notified once however often it is seen again (every
 * beat, a reconnect's snapshot), while a new reason, or the same one coming
 * back later, is news.
 */
function alertKey(entry: SessionEntry): string {
  const { heartbeat, verdict } = entry;
  const since = entry.health === 'unresponsive' ? heartbeat.emittedAt : heartbeat.stateSince;
  return `${entry.sessionKey}\n${entry.health}\n${verdict.because}\n${since}`;
}

/**
 * Opt-in browser notifications for sessions that need a look, from the
 * moment alerts are turned on:
 *
 * - what already needed a look then is one summary ("3 sessions need a look"),
 *   not silence and not a notification each;
 * - afterwards each new problem is notified once per session and reason
 *   (a burst of more than three is one summary), and a gateway that turns
 *   unreachable is one notification for all its sessions;
 * - without permission nothing is sent (the page says so where alerts are
 *   turned on; the title still counts).
 */
export function createHealthAlerter({
  notifications,
  serverNow,
  onOpen,
}: HealthAlerterOptions): HealthAlerter {
  const alerted = new Set<string>();
  let seeded = false;
  let lastSessions: HeartbeatState['sessions'] | undefined;
  let lastSources: HeartbeatState['sources'] | undefined;

  function show(title: string, body: string, tag: string, sessionKey?: string): void {
    if (notifications === undefined || notifications.permission !== 'granted') return;
    try {
      const notification = new notifications(title, { body, tag });
      notification.onclick = () => {
        globalThis.focus?.();
        if (sessionKey !== undefined) onOpen(sessionKey);
        notification.close();
      };
    } catch {
      // Some browsers only allow notifications from a service worker: the title still counts.
    }
  }

  function summarise(entries: readonly SessionEntry[], already: boolean): void {
    const keys = entries.map((entry) => entry.sessionKey).sort();
    const listed = keys.slice(0, 3).join(', ') + (keys.length > 3 ? ', …' : '');
    show(
      `${entries.length} session${entries.length === 1 ? '' : 's'} ${
        entries.length === 1 ? 'needs' : 'need'
      } a look`,
      already ? `Already when alerts were turned on: ${listed}` : listed,
      'session-heartbeat-summary',
    );
  }

  function remember(key: string): void {
    alerted.add(key);
    for (const old of alerted) {
      if (alerted.size <= MAX_REMEMBERED) break;
      alerted.delete(old);
    }
  }

  return {
    update(state) {
      if (!state.hasSnapshot) return;
      if (state.sessions === lastSessions && state.sources === lastSources) return;
      lastSessions = state.sessions;
      lastSources = state.sources;
      // Fleet: a gateway that cannot be heard is one alert, not one per session.
      for (const source of state.sources) {
        if (source.status !== 'unreachable') continue;
        const key = `source\n${source.id}\n${source.lastSeenAt}`;
        if (alerted.has(key)) continue;
        remember(key);
        if (!seeded) continue; // counted in the title; its sessions are unknown, not alarming
        const sessions = `${source.sessions} session${source.sessions === 1 ? '' : 's'}`;
        show(
          `${source.id} is unreachable`,
          `${sessions} unknown until it is heard again`,
          `session-heartbeat-source:${source.id}`,
        );
      }
      const fresh: SessionEntry[] = [];
      for (const entry of state.sessions.values()) {
        if (!needsAttention(entry.health)) continue;
        const key = alertKey(entry);
        if (alerted.has(key)) continue;
        remember(key);
        fresh.push(entry);
      }
      const first = !seeded;
      seeded = true;
      if (fresh.length === 0) return;
      if (first || fresh.length > MAX_SEPARATE_NOTIFICATIONS) {
        summarise(fresh, first);
        return;
      }
      for (const entry of fresh) {
        const reason = describeHealthReason(entry.verdict, entry.heartbeat, serverNow());
        show(
          `${entry.sessionKey} is ${HEALTH_LABELS[entry.health].toLowerCase()}`,
          reason ?? '',
          `session-heartbeat:${entry.sessionKey}:${entry.verdict.because}`,
          entry.sessionKey,
        );
      }
    },
  };
}
