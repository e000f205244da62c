import type { SessionSortKey } from '@session-heartbeat/core';
import { NATURAL_DIRECTION, type SortDirection } from './sort-direction';

export interface ListHeaderProps {
  sortBy: SessionSortKey;
  direction: SortDirection;
  /** A column's header was clicked: its order, the other way round when it is already the sort. */
  onSort: (sortBy: SessionSortKey, direction: SortDirection) => void;
  showSource: boolean;
}

function SortableColumn({
  sortKey,
  children,
  sortBy,
  direction,
  onSort,
  column,
  className,
}: Omit<ListHeaderProps, 'showSource'> & {
  sortKey: SessionSortKey;
  /** Which row cells it names (`data-col`, for the narrow layouts). */
  column: string;
  children: string;
  className?: string;
}) {
  const active = sortBy === sortKey;
  const flipped: SortDirection = direction === 'ascending' ? 'descending' : 'ascending';
  return (
    <div
      role="columnheader"
      className={className}
      data-col={column}
      aria-sort={active ? direction : undefined}
      data-sorted={active ? direction : undefined}
    >
      <button
        type="button"
        className="shb-list__sort"
        onClick={() => onSort(sortKey, active ? flipped : NATURAL_DIRECTION[sortKey])}
      >
        {children}
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d={direction === 'ascending' || !active ? 'M4 10l4-4 4 4' : 'M4 6l4 4 4-4'} />
        </svg>
      </button>
    </div>
  );
}

/**
 * The column names, above the rows. Session, State (by severity) and Last
 * activity sort when clicked, and reverse when clicked again; the sorted one
 * says so with `aria-sort`. A header-only table: `aria-sort` belongs to a
 * column header, and the rows below are a list (each row says its own words).
 */
export function ListHeader({ sortBy, direction, onSort, showSource }: ListHeaderProps) {
  const sortProps = { sortBy, direction, onSort };
  return (
    <div className="shb-list__header" role="table" aria-label="Sort sessions">
      <div role="row" className="shb-list__header-row">
        <span aria-hidden="true" />
        <SortableColumn sortKey="key" column="session" {...sortProps}>
          Session
        </SortableColumn>
        {showSource && (
          <div role="columnheader" data-col="source">
            Source
          </div>
        )}
        <SortableColumn sortKey="severity" column="state" {...sortProps}>
          State
        </SortableColumn>
        <div role="columnheader" data-col="model">
          Model
        </div>
        <div role="columnheader" className="shb-list__header-time" data-col="elapsed">
          In state
        </div>
        <SortableColumn
          sortKey="lastActivity"
          column="activity"
          className="shb-list__header-time"
          {...sortProps}
        >
          Last activity
        </SortableColumn>
        <span aria-hidden="true" />
      </div>
    </div>
  );
}
