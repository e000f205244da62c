import type { SessionSortKey } from '@session-heartbeat/core';
import type { SessionFilter } from '@session-heartbeat/react';
import { HealthCounts } from '../health-counts/health-counts';

export interface SessionListToolbarProps {
  sortBy: SessionSortKey;
  onSortByChange: (sortBy: SessionSortKey) => void;
  filter: SessionFilter;
  onFilterChange: (filter: SessionFilter) => void;
  search: string;
  onSearchChange: (search: string) => void;
}

const SORT_LABELS: Record<SessionSortKey, string> = {
  severity: 'Severity',
  lastActivity: 'Last activity',
  key: 'Key',
};

/** Counts (which filter by health), all/running, search and sort, above the list. */
export function SessionListToolbar({
  sortBy,
  onSortByChange,
  filter,
  onFilterChange,
  search,
  onSearchChange,
}: SessionListToolbarProps) {
  return (
    <div className="shb-list-toolbar">
      <div className="shb-list-toolbar__scope" role="group" aria-label="Show">
        {(['all', 'running'] as const).map((scope) => (
          <button
            key={scope}
            type="button"
            className="shb-list-toolbar__segment"
            aria-pressed={filter === scope}
            onClick={() => onFilterChange(scope)}
          >
            {scope === 'all' ? 'All' : 'Running'}
          </button>
        ))}
      </div>
      <HealthCounts
        className="shb-list-toolbar__counts"
        filter={filter}
        onFilterChange={onFilterChange}
        label="Filter by health"
      />
      <div className="shb-list-toolbar__end">
        <input
          type="search"
          className="shb-list-toolbar__control shb-list-toolbar__search"
          aria-label="Search sessions"
          placeholder="Search key or label"
          value={search}
          onChange={(event) => onSearchChange(event.target.value)}
        />
        <label className="shb-list-toolbar__sort">
          <span className="shb-list-toolbar__sort-label">Sort</span>
          <select
            className="shb-list-toolbar__control"
            value={sortBy}
            onChange={(event) => onSortByChange(event.target.value as SessionSortKey)}
          >
            {(Object.keys(SORT_LABELS) as SessionSortKey[]).map((key) => (
              <option key={key} value={key}>
                {SORT_LABELS[key]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
