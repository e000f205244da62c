import { SESSION_HEALTHS, type SessionHealth } from '@session-heartbeat/core';
import { type SessionFilter, useHealthCounts, useHeartbeatState } from '@session-heartbeat/react';
import type { ComponentPropsWithRef } from 'react';
import { StatusDot } from '../status-dot/status-dot';

export interface HealthCountsProps extends Omit<
  ComponentPropsWithRef<'div'>,
  'children' | 'onChange'
> {
  /**
   * How many sessions have each health. Omit it to follow the
   * `HeartbeatProvider`'s client (`useHealthCounts()`).
   */
  counts?: Readonly<Record<SessionHealth, number>>;
  /** The list's current filter: the matching entry shows pressed. */
  filter?: SessionFilter;
  /**
   * Called with an entry's health when it is clicked, or `'all'` when the
   * pressed entry is clicked again. Without it the entries are plain text.
   */
  onFilterChange?: (filter: SessionFilter) => void;
  /** Which healths to show, in this order. @default every health, most urgent first */
  healths?: readonly SessionHealth[];
  /** The group's accessible name. @default 'Sessions by health' */
  label?: string;
}

/**
 * "2 stalled · 3 waiting · 5 active · …": how many sessions have each
 * health, for a list's toolbar or a page header. With `onFilterChange`, each
 * entry is a toggle button that filters a list to that health
 * (`aria-pressed`). Zero counts stay visible but quiet, so "0 stalled" reads
 * as good news rather than as missing data.
 *
 * @example
 * <HealthCounts filter={filter} onFilterChange={setFilter} />
 */
export function HealthCounts(props: HealthCountsProps) {
  return props.counts === undefined ? (
    <LiveHealthCounts {...props} />
  ) : (
    <HealthCountsView {...props} counts={props.counts} />
  );
}

const wholeNumbers = new Intl.NumberFormat('en-US');

function LiveHealthCounts(props: HealthCountsProps) {
  const counts = useHealthCounts();
  const progress = useHeartbeatState((state) => state.snapshotProgress);
  // While a big snapshot is applied in slices the counts are not complete:
  // say how far it got rather than show numbers that are still growing.
  if (progress !== undefined) {
    return (
      <div
        role="status"
        className={props.className === undefined ? 'shb-counts' : `shb-counts ${props.className}`}
      >
        Loading sessions: {wholeNumbers.format(progress.applied)} of{' '}
        {wholeNumbers.format(progress.total)}
      </div>
    );
  }
  return <HealthCountsView {...props} counts={counts} />;
}

function HealthCountsView({
  counts,
  filter = 'all',
  onFilterChange,
  healths = SESSION_HEALTHS,
  label = 'Sessions by health',
  className,
  ...divProps
}: HealthCountsProps & { counts: Readonly<Record<SessionHealth, number>> }) {
  return (
    <div
      role="group"
      aria-label={label}
      {...divProps}
      className={className === undefined ? 'shb-counts' : `shb-counts ${className}`}
    >
      {healths.map((health) => {
        const count = counts[health];
        const content = (
          <>
            <StatusDot health={health} size="sm" aria-hidden="true" />
            <span className="shb-counts__number">{count}</span>
            <span className="shb-counts__name">{health}</span>
          </>
        );
        return onFilterChange === undefined ? (
          <span
            key={health}
            className="shb-counts__entry"
            data-health={health}
            data-zero={count === 0 || undefined}
          >
            {content}
          </span>
        ) : (
          <button
            key={health}
            type="button"
            className="shb-counts__entry"
            data-health={health}
            data-zero={count === 0 || undefined}
            aria-pressed={filter === health}
            onClick={() => onFilterChange(filter === health ? 'all' : health)}
          >
            {content}
          </button>
        );
      })}
    </div>
  );
}
