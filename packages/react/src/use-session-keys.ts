import { createSessionKeysSelector, type SessionKeysQuery } from '@session-heartbeat/client';
import { useMemo } from 'react';
import { useHeartbeatState } from './use-heartbeat-state';

/**
 * The keys a list shows, in order. The array keeps its reference while the
 * visible order holds, so the list re-renders only when a row moves, comes or
 * goes, never for a heartbeat that changes a row in place.
 *
 * @example
 * const keys = useSessionKeys({ sortBy: 'severity', filter: 'running', search });
 * return keys.map((key) => <SessionRow key={key} sessionKey={key} />);
 */
export function useSessionKeys({
  sortBy,
  filter,
  search,
  source,
  searchText,
}: SessionKeysQuery = {}): readonly string[] {
  const selector = useMemo(
    () => createSessionKeysSelector({ sortBy, filter, search, source, searchText }),
    [sortBy, filter, search, source, searchText],
  );
  return useHeartbeatState(selector, 'useSessionKeys');
}
