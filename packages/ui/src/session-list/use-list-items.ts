import { useHeartbeatState, type HeartbeatState } from '@session-heartbeat/react';
import { useMemo } from 'react';
import { groupSessions, type ListItem, type SessionGroupBy } from './group-sessions';

/** A selector of the items for `keys`, cached per table: one pass per change, not per row. */
function createListItemsSelector(
  keys: readonly string[],
  groupBy: SessionGroupBy,
  collapsed: ReadonlySet<string>,
): (state: HeartbeatState) => readonly ListItem[] {
  let seen: HeartbeatState['sessions'] | undefined;
  let items: readonly ListItem[] = keys;
  return (state) => {
    if (groupBy === 'none') return keys;
    if (state.sessions === seen) return items;
    seen = state.sessions;
    items = groupSessions(keys, (key) => state.sessions.get(key), groupBy, collapsed);
    return items;
  };
}

/**
 * The list's items for the keys shown: the keys themselves when not grouped,
 * else group headers (with their own counts) and the rows of open groups.
 * Grouped, it is computed once per change of the table (a frame at most),
 * in one pass, never per row.
 */
export function useListItems(
  keys: readonly string[],
  groupBy: SessionGroupBy,
  collapsed: ReadonlySet<string>,
): readonly ListItem[] {
  const selector = useMemo(
    () => createListItemsSelector(keys, groupBy, collapsed),
    [keys, groupBy, collapsed],
  );
  return useHeartbeatState(selector);
}
