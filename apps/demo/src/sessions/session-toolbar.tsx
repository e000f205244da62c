import type { SessionSortKey } from '@session-heartbeat/core';
import type { SessionFilter } from '@session-heartbeat/client';
import { HEALTH_LABELS } from '@session-heartbeat/ui';
import type { RefObject } from 'react';

export interface SessionToolbarProps {
  filter: SessionFilter;
  onFilterChange: (filter: SessionFilter) => void;
  search: string;
  onSearchChange: (search: string) => void;
  sortBy: SessionSortKey;
  onSortByChange: (sortBy: SessionSortKey) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

const SORTS: { value: SessionSortKey; label: string }[] = [
  { value: 'severity', label: 'Severity' },
  { value: 'lastActivity', label: 'Last activity' },
  { value: 'key', label: 'Key' },
];

/** All / running, a health filter chip (set from the counts bar), search and sort. */
export function SessionToolbar({
  filter,
  onFilterChange,
  search,
  onSearchChange,
  sortBy,
  onSortByChange,
  searchRef,
}: SessionToolbarProps) {
  const healthFilter = filter !== 'all' && filter !== 'running' ? filter : undefined;
  return (
    <div className="demo-toolbar">
      <div className="demo-segmented" role="group" aria-label="Show">
        {(['all', 'running'] as const).map((scope) => (
          <button
            key={scope}
            type="button"
            className="demo-segmented__item"
            aria-pressed={filter === scope}
            onClick={() => onFilterChange(scope)}
          >
            {scope === 'all' ? 'All' : 'Running'}
          </button>
        ))}
      </div>
      {healthFilter !== undefined && (
        <button
          type="button"
          className="demo-chip"
          data-health={healthFilter}
          onClick={() => onFilterChange('all')}
          aria-label={`Showing ${HEALTH_LABELS[healthFilter].toLowerCase()} sessions only. Show all`}
        >
          {HEALTH_LABELS[healthFilter]} only
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M5 5l6 6M11 5l-6 6" />
          </svg>
        </button>
      )}
      <div className="demo-toolbar__end">
        <div className="demo-search">
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <circle cx="7" cy="7" r="4.5" />
            <path d="M10.5 10.5l3 3" />
          </svg>
          <input
            ref={searchRef}
            type="search"
            className="demo-input demo-search__input"
            aria-label="Search sessions"
            aria-keyshortcuts="/"
            placeholder="Search sessions"
            spellCheck={false}
            value={search}
            onChange={(event) => onSearchChange(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && search !== '') {
                event.stopPropagation();
                onSearchChange('');
              }
            }}
          />
          <kbd className="demo-kbd" aria-hidden="true">
            /
          </kbd>
        </div>
        <label className="demo-sort">
          <span>Sort</span>
          <select
            className="demo-input demo-sort__select"
            value={sortBy}
            onChange={(event) => onSortByChange(event.target.value as SessionSortKey)}
          >
            {SORTS.map((sort) => (
              <option key={sort.value} value={sort.value}>
                {sort.label}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
