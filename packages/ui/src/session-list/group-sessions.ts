import { SESSION_HEALTHS, type SessionHealth } from '@session-heartbeat/core';
import type { SessionEntry } from '@session-heartbeat/react';
import { parseSessionKey } from './parse-session-key';

/** What a list groups its sessions by. */
export type SessionGroupBy = 'none' | 'agent' | 'channel' | 'model' | 'source';

/** A group's header among the rows. */
export interface SessionGroup {
  /** Unique within one grouping: what `collapsed` holds. */
  id: string;
  /** The value the sessions share, e.g. `ops` or `openai/gpt-5`; `undefined` for "none". */
  value: string | undefined;
  /** How many sessions of the group match the list's filter and search. */
  size: number;
  counts: Readonly<Record<SessionHealth, number>>;
  collapsed: boolean;
}

/** One item of the list: a session's key, or a group's header. */
export type ListItem = string | SessionGroup;

function groupValue(entry: SessionEntry | undefined, key: string, groupBy: SessionGroupBy) {
  switch (groupBy) {
    case 'agent':
      return parseSessionKey(key, entry?.heartbeat.source).agent;
    case 'channel':
      return parseSessionKey(key, entry?.heartbeat.source).channel;
    case 'model':
      return entry?.heartbeat.model;
    case 'source':
      return entry?.heartbeat.source;
    case 'none':
      return undefined;
    default:
      return groupBy satisfies never;
  }
}

/**
 * The list's items: with no grouping, the keys themselves (no copy); else a
 * header per group followed by its keys (none when collapsed). Groups come in
 * the order of their first session, so with the severity sort the group with
 * the most urgent session leads, and each keeps the list's order inside.
 * Sessions without the value ("no model") form a last group. One O(n) pass.
 */
export function groupSessions(
  keys: readonly string[],
  entryOf: (key: string) => SessionEntry | undefined,
  groupBy: SessionGroupBy,
  collapsed: ReadonlySet<string>,
): readonly ListItem[] {
  if (groupBy === 'none') return keys;
  const groups = new Map<string, { group: SessionGroup; keys: string[] }>();
  for (const key of keys) {
    const entry = entryOf(key);
    const value = groupValue(entry, key, groupBy);
    const id = value === undefined ? '' : `=${value}`;
    let bucket = groups.get(id);
    if (bucket === undefined) {
      const counts = {} as Record<SessionHealth, number>;
      for (const health of SESSION_HEALTHS) counts[health] = 0;
      bucket = {
        group: { id, value, size: 0, counts, collapsed: collapsed.has(id) },
        keys: [],
      };
      groups.set(id, bucket);
    }
    bucket.group.size += 1;
    if (entry !== undefined)
      (bucket.group.counts as Record<SessionHealth, number>)[entry.health] += 1;
    if (!bucket.group.collapsed) bucket.keys.push(key);
  }
  const items: ListItem[] = [];
  const none = groups.get('');
  groups.delete('');
  for (const { group, keys: groupKeys } of groups.values()) items.push(group, ...groupKeys);
  if (none !== undefined) items.push(none.group, ...none.keys);
  return items;
}
