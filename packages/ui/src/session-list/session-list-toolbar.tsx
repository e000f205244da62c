import type { SessionSortKey } from '@session-heartbeat/core';
import type { SessionFilter } from '@session-heartbeat/react';
import type { ReactNode, Ref } from 'react';
import { HEALTH_LABELS } from '../format/describe-session';
import { countOf, formatCount } from '../format/format-count';
import { HealthCounts } from '../health-counts/health-counts';
import { NEEDS_APPROVAL } from '../status-dot/approval-words';
import type { SessionGroupBy } from './group-sessions';

export interface SessionListToolbarProps {
  sortBy: SessionSortKey;
  onSortByChange: (sortBy: SessionSortKey) => void;
  filter: SessionFilter;
  onFilterChange: (filter: SessionFilter) => void;
  search: string;
  onSearchChange: (search: string) => void;
  /** Whether the counts (which filter by health) are here, or the page shows them. */
  showCounts: boolean;
  searchRef: Ref<HTMLInputElement> | undefined;
  searchShortcut: string | undefined;
  /** Fleet: the sources to filter by (none: no source filter). */
  sources: readonly string[];
  source: string | undefined;
  onSourceChange: (source: string | undefined) => void;
  groupBy: SessionGroupBy;
  onGroupByChange: (groupBy: SessionGroupBy) => void;
  /** How many sessions match the filter and search, of how many. */
  shown: number;
  total: number;
  /** The bulk actions on the sessions shown (a row of its own, last). */
  bulkActions?: ReactNode;
}

const GROUP_LABELS: Record<SessionGroupBy, string> = {
  none: 'None',
  agent: 'Agent',
  channel: 'Channel',
  model: 'Model',
  source: 'Source',
};

const SORT_LABELS: Record<SessionSortKey, string> = {
  severity: 'Severity',
  lastActivity: 'Last activity',
  key: 'Key',
};

/**
 * All/running, the counts (or, when the page shows them, the health filter
 * as a chip that clears it), search and sort, above the list.
 */
export function SessionListToolbar({
  sortBy,
  onSortByChange,
  filter,
  onFilterChange,
  search,
  onSearchChange,
  showCounts,
  searchRef,
  searchShortcut,
  sources,
  source,
  onSourceChange,
  groupBy,
  onGroupByChange,
  shown,
  total,
  bulkActions,
}: SessionListToolbarProps) {
  const healthFilter = filter !== 'all' && filter !== 'running' ? filter : undefined;
  const filterWords =
    healthFilter === 'needs_approval'
      ? { chip: NEEDS_APPROVAL, sessions: 'sessions that need approval' }
      : healthFilter === undefined
        ? undefined
        : {
            chip: HEALTH_LABELS[healthFilter],
            sessions: `${HEALTH_LABELS[healthFilter].toLowerCase()} sessions`,
          };
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
      {showCounts ? (
        <HealthCounts
          className="shb-list-toolbar__counts"
          filter={filter}
          onFilterChange={onFilterChange}
          label="Filter by health"
        />
      ) : (
        healthFilter !== undefined &&
        filterWords !== undefined && (
          <button
            type="button"
            className="shb-list-toolbar__chip"
            data-health={healthFilter === 'needs_approval' ? 'waiting' : healthFilter}
            onClick={() => onFilterChange('all')}
            aria-label={`Showing ${filterWords.sessions} only. Show all`}
          >
            {filterWords.chip} only
            <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M5 5l6 6M11 5l-6 6" />
            </svg>
          </button>
        )
      )}
      <div className="shb-list-toolbar__end">
        <span className="shb-list-toolbar__shown" data-narrowed={shown < total || undefined}>
          {shown === total
            ? countOf(total, 'session')
            : `${formatCount(shown)} of ${formatCount(total)}`}
        </span>
        <span className="shb-list-toolbar__search-box">
          <input
            ref={searchRef}
            type="search"
            className="shb-list-toolbar__control shb-list-toolbar__search"
            aria-label="Search sessions"
            aria-keyshortcuts={searchShortcut}
            placeholder="Search key, label, model, tool"
            spellCheck={false}
            value={search}
            onChange={(event) => onSearchChange(event.target.value)}
            onKeyDown={(event) => {
              // Escape clears a search first; the next one is the page's.
              if (event.key === 'Escape' && search !== '') {
                event.stopPropagation();
                onSearchChange('');
              }
            }}
          />
          {searchShortcut !== undefined && (
            <kbd className="shb-list-toolbar__kbd" aria-hidden="true">
              {searchShortcut}
            </kbd>
          )}
        </span>
        {sources.length > 0 && (
          <label className="shb-list-toolbar__sort">
            <span className="shb-list-toolbar__sort-label">Source</span>
            <select
              className="shb-list-toolbar__control"
              value={source ?? ''}
              onChange={(event) =>
                onSourceChange(event.target.value === '' ? undefined : event.target.value)
              }
            >
              <option value="">All sources</option>
              {sources.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="shb-list-toolbar__sort">
          <span className="shb-list-toolbar__sort-label">Group</span>
          <select
            className="shb-list-toolbar__control"
            value={groupBy}
            onChange={(event) => onGroupByChange(event.target.value as SessionGroupBy)}
          >
            {(Object.keys(GROUP_LABELS) as SessionGroupBy[])
              .filter((key) => key !== 'source' || sources.length > 0 || groupBy === 'source')
              .map((key) => (
                <option key={key} value={key}>
                  {GROUP_LABELS[key]}
                </option>
              ))}
          </select>
        </label>
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
      {bulkActions}
    </div>
  );
}
