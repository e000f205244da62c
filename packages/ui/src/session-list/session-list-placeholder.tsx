import type { ConnectionStatus } from '@session-heartbeat/react';
import { HEALTH_LABELS } from '../format/describe-session';
import type { SessionFilter } from '@session-heartbeat/react';

export interface SessionListPlaceholderProps {
  loading: boolean;
  /** What the connection is doing while the list waits for its first snapshot. */
  connection: ConnectionStatus['kind'];
  filter: SessionFilter;
  search: string;
  /** Clears the filter and search; absent when nothing narrows the list. */
  onShowAll: (() => void) | undefined;
}

function emptyTitle(filter: SessionFilter, search: string): string {
  if (search.trim() !== '') return `No sessions match “${search.trim()}”`;
  switch (filter) {
    case 'all':
      return 'No sessions yet';
    case 'running':
      return 'No session is running';
    case 'needs_approval':
      return 'No session needs approval';
    default:
      return `No ${HEALTH_LABELS[filter].toLowerCase()} sessions`;
  }
}

/** Why there is nothing to show yet: a wait that will end, or one that needs a person. */
function waitingText(connection: ConnectionStatus['kind']): string {
  switch (connection) {
    case 'unauthorized':
      return 'Not authorized — check the token. No sessions can be shown until it is right.';
    case 'reconnecting':
    case 'offline':
      return 'Can’t reach the server yet — sessions appear as soon as it answers.';
    // `stopped` only until the provider starts the client, or a source reports.
    case 'stopped':
    case 'connecting':
    case 'live':
    case 'polling':
      return 'Loading sessions…';
    default:
      return connection satisfies never;
  }
}

/** What the list shows without rows: skeleton rows until the first snapshot, then an empty state. */
export function SessionListPlaceholder({
  loading,
  connection,
  filter,
  search,
  onShowAll,
}: SessionListPlaceholderProps) {
  if (loading) {
    return (
      <div className="shb-list__placeholder" data-state="loading">
        <div className="shb-list__skeleton" aria-hidden="true">
          {[0, 1, 2, 3, 4, 5].map((index) => (
            <span key={index} className="shb-list__skeleton-row" />
          ))}
        </div>
        <p className="shb-list__placeholder-text">{waitingText(connection)}</p>
      </div>
    );
  }
  return (
    <div className="shb-list__placeholder" data-state="empty">
      <p className="shb-list__placeholder-title">{emptyTitle(filter, search)}</p>
      {onShowAll === undefined ? (
        <p className="shb-list__placeholder-text">Sessions appear here as soon as they start.</p>
      ) : (
        <button type="button" className="shb-button" onClick={onShowAll}>
          Show all sessions
        </button>
      )}
    </div>
  );
}
