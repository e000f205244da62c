import { SESSION_HEALTHS } from '@session-heartbeat/core';
import { memo } from 'react';
import { countOf, formatCount } from '../format/format-count';
import { StatusDot } from '../status-dot/status-dot';
import type { SessionGroup, SessionGroupBy } from './group-sessions';

const GROUP_NAMES: Record<Exclude<SessionGroupBy, 'none'>, { name: string; none: string }> = {
  agent: { name: 'Agent', none: 'No agent' },
  channel: { name: 'Channel', none: 'No channel' },
  model: { name: 'Model', none: 'No model' },
  source: { name: 'Source', none: 'No source' },
};

export interface GroupHeaderRowProps {
  group: SessionGroup;
  groupBy: Exclude<SessionGroupBy, 'none'>;
  /** Offset from the top of the list, in px. */
  top: number;
  index: number;
  tabbable: boolean;
  onToggle: (groupId: string) => void;
}

/**
 * A group's header among the rows: a button that collapses or expands the
 * group (Enter or Space), with the group's size and its own counts by health,
 * in words (the dots only repeat them).
 */
export const GroupHeaderRow = memo(function GroupHeaderRow({
  group,
  groupBy,
  top,
  index,
  tabbable,
  onToggle,
}: GroupHeaderRowProps) {
  const names = GROUP_NAMES[groupBy];
  const title = group.value === undefined ? names.none : `${names.name}: ${group.value}`;
  const counts = SESSION_HEALTHS.filter((health) => group.counts[health] > 0);
  return (
    <div
      role="listitem"
      className="shb-list__group shb-list__row"
      style={{ transform: `translateY(${top}px)` }}
      data-index={index}
      data-group={group.id}
      data-collapsed={group.collapsed || undefined}
    >
      <button
        type="button"
        className="shb-list__group-toggle"
        aria-expanded={!group.collapsed}
        tabIndex={tabbable ? 0 : -1}
        onClick={() => onToggle(group.id)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M6 4l4 4-4 4" />
        </svg>
        <span className="shb-list__group-title">{title}</span>
        <span className="shb-list__group-size">{countOf(group.size, 'session')}</span>
      </button>
      <span className="shb-list__group-counts">
        {counts.map((health) => (
          <span key={health} className="shb-counts__entry" data-health={health}>
            <StatusDot health={health} size="sm" aria-hidden="true" />
            <span className="shb-counts__number">{formatCount(group.counts[health])}</span>
            <span className="shb-counts__name">{health}</span>
          </span>
        ))}
      </span>
    </div>
  );
});
