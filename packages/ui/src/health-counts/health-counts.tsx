import { SESSION_HEALTHS, type SessionHealth } from '@session-heartbeat/core';
import {
  createApprovalCountSelector,
  type SessionFilter,
  useHealthCounts,
  useHeartbeatState,
} from '@session-heartbeat/react';
import { Fragment, useState, type ComponentPropsWithRef } from 'react';
import { formatCount } from '../format/format-count';
import { describeSourceOutage } from '../source-notices/describe-sources';
import { useSourceOutage, type SourceOutage } from '../source-notices/use-source-outage';
import { countApprovals } from '../status-dot/approval-words';
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
  /**
   * How many sessions wait on a person (approval): their own entry ("2 need
   * approval", which filters `needs_approval`), left out of `waiting`. With
   * `counts` omitted, it follows the client. @default 0
   */
  approvals?: number;
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
  const [approvalCount] = useState(createApprovalCountSelector);
  const approvals = useHeartbeatState(approvalCount, 'HealthCounts');
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
        Loading sessions: {formatCount(progress.applied)} of {formatCount(progress.total)}
      </div>
    );
  }
  return (
    <HealthCountsView
      {...props}
      counts={counts}
      outage={props.outage ?? outage}
      approvals={props.approvals ?? approvals}
    />
  );
}

function Entry({
  name,
  count,
  health,
  approval = false,
  pressed,
  onClick,
}: {
  name: string;
  count: number;
  health: SessionHealth;
  approval?: boolean;
  pressed: boolean;
  onClick: (() => void) | undefined;
}) {
  const content = (
    <>
      <StatusDot health={health} approval={approval} size="sm" aria-hidden="true" />
      <span className="shb-counts__number">{count}</span>
      <span className="shb-counts__name">{name}</span>
    </>
  );
  const shared = {
    className: 'shb-counts__entry',
    'data-health': health,
    'data-approval': approval || undefined,
    'data-zero': count === 0 || undefined,
  };
  return onClick === undefined ? (
    <span {...shared}>{content}</span>
  ) : (
    <button type="button" {...shared} aria-pressed={pressed} onClick={onClick}>
      {content}
    </button>
  );
}

function HealthCountsView({
  counts,
  filter = 'all',
  onFilterChange,
  healths = SESSION_HEALTHS,
  label = 'Sessions by health',
  outage = NO_OUTAGE,
  approvals = 0,
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
        // A source's sessions are its one entry below, not each an "unknown";
        // approval waits have their own entry, before the other waits.
        const count =
          health === 'unknown'
            ? Math.max(0, counts.unknown - outage.sessions)
            : health === 'waiting'
              ? Math.max(0, counts.waiting - approvals)
              : counts[health];
        const toggle = (value: SessionFilter) =>
          onFilterChange === undefined
            ? undefined
            : () => onFilterChange(filter === value ? 'all' : value);
        return (
          <Fragment key={health}>
            {health === 'waiting' && (
              <Entry
                name={countApprovals(approvals)}
                count={approvals}
                health="waiting"
                approval
                pressed={filter === 'needs_approval'}
                onClick={toggle('needs_approval')}
              />
            )}
            <Entry
              name={health}
              count={count}
              health={health}
              pressed={filter === health}
              onClick={toggle(health)}
            />
          </Fragment>
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
