import type { SourceStatus } from '@session-heartbeat/react';
import { countOf } from '../format/format-count';

/** One notice: a source (or, without Redis, the whole fleet) the aggregator cannot see. */
export interface SourceNotice {
  /** The source's id, or `*` for the whole fleet. */
  key: string;
  title: string;
  detail: string;
}

function sessionsUnknown(count: number): string {
  return `${countOf(count, 'session')} unknown`;
}

/**
 * The notices for a fleet's sources: one per unreachable gateway ("gw-2
 * unreachable since 12:03 — 1,000 sessions unknown"), or a single one for the
 * whole fleet when the aggregator has lost Redis. Live sources say nothing.
 * `formatTime` renders a time of day (the caller's locale and zone).
 */
export function describeSources(
  sources: readonly SourceStatus[],
  formatTime: (at: number) => string,
): SourceNotice[] {
  const unreachable = sources.filter((source) => source.status === 'unreachable');
  const blind = unreachable.filter((source) => source.reason === 'broker_unreachable');
  const notices: SourceNotice[] = [];
  if (blind.length > 0) {
    const since = Math.max(...blind.map((source) => source.lastSeenAt));
    const sessions = blind.reduce((sum, source) => sum + source.sessions, 0);
    notices.push({
      key: '*',
      title: `Fleet not visible since ${formatTime(since)}: the aggregator cannot reach Redis`,
      detail: `${countOf(blind.length, 'gateway')}, ${sessionsUnknown(sessions)}`,
    });
  }
  for (const source of unreachable) {
    if (source.reason === 'broker_unreachable') continue;
    notices.push({
      key: source.id,
      title: `${source.id} unreachable since ${formatTime(source.lastSeenAt)}`,
      detail: sessionsUnknown(source.sessions),
    });
  }
  return notices;
}

/**
 * A fleet outage counted once: "1 source unreachable (1,000 sessions)", for
 * the counts bar and the announcements, instead of each of its sessions.
 */
export function describeSourceOutage(sources: number, sessions: number): string {
  const what = `${countOf(sources, 'source')} unreachable`;
  return `${what} (${countOf(sessions, 'session')})`;
}
