import type { SessionSortKey } from '@session-heartbeat/core';

/** Which way a sorted column runs, as `aria-sort` says it. */
export type SortDirection = 'ascending' | 'descending';

/**
 * The way each order runs as the store keeps it: keys A→Z, severity most
 * urgent first, last activity newest first. The other way is that order reversed.
 */
export const NATURAL_DIRECTION: Readonly<Record<SessionSortKey, SortDirection>> = {
  key: 'ascending',
  severity: 'descending',
  lastActivity: 'descending',
};
