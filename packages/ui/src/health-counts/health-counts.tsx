import { SESSION_HEALTHS, type SessionHealth } from '@session-heartbeat/core';
import { type SessionFilter, useHealthCounts } from '@session-heartbeat/react';
import type { ComponentPropsWithRef } from 'react';
import { describeSourceOutage } from '../source-notices/describe-sources';
import { useSourceOutage, type SourceOutage } from '../source-notices/use-source-outage';
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
  /**
   * Fleet: unreachable sources, counted once ("1 source unreachable (1,000
   * sessions)") and left out of `unknown`. With `counts` omitted, it follows
   * the client. @default none
   */
  outage?: SourceOutage;
}

const NO_OUTAGE: SourceOutage = { sources: [], sessions: 0 };

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

function LiveHealthCounts(props: HealthCountsProps) {
  const outage = useSourceOutage();
  return <HealthCountsView {...props} counts={useHealthCounts()} outage={props.outage ?? outage} />;
}

function HealthCountsView({
  counts,
  filter = 'all',
  onFilterChange,
  healths = SESSION_HEALTHS,
  label = 'Sessions by health',
  outage = NO_OUTAGE,
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
        // A source's sessions are its one entry below, not each an "unknown".
        const count =
          health === 'unknown' ? Math.max(0, counts[health] - outage.sessions) : counts[health];
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
      {outage.sources.length > 0 && (
        <span
          className="shb-counts__entry"
          data-health="unknown"
          data-source-outage=""
          title={outage.sources.join(', ')}
        >
          <StatusDot health="unknown" size="sm" aria-hidden="true" />
          <span className="shb-counts__name">
            {describeSourceOutage(outage.sources.length, outage.sessions)}
          </span>
        </span>
      )}
    </div>
  );
}
