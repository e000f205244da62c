import { needsAttention, type SessionHealth } from '@session-heartbeat/core';
import { useHeartbeatState, useSessionHealth, useSessionHeartbeat } from '@session-heartbeat/react';
import { memo } from 'react';
import { SessionActionButtons, useLadder } from '../session-row/session-actions';
import { SessionRowView } from '../session-row/session-row';
import { SessionDetails } from '../session-tooltip/session-details';
import { CopyKeyButton } from './copy-key';
import { RenderProbeMark } from './render-probe';
import { useHasActionRuns } from './use-has-action-runs';

export interface ListRowProps {
  sessionKey: string;
  /** Offset from the top of the list, in px (the virtualizer's `start`). */
  top: number;
  label: string | undefined;
  selected: boolean;
  tabbable: boolean;
  locale: string | undefined;
  showSource: boolean;
  /** Its place in the list (the roving focus finds items by it). */
  index: number;
  /** The list's search: its matches are marked. */
  search: string;
}

/**
 * A row's actions: offered to a session that needs a look, and kept while
 * an action is under way; nothing otherwise.
 */
function RowActions({
  sessionKey,
  stateSince,
  health,
  tabbable,
}: {
  sessionKey: string;
  stateSince: number | undefined;
  /** The row's health (the row is subscribed to it already). */
  health: SessionHealth;
  tabbable: boolean;
}) {
  const supported = useHeartbeatState((state) => state.supportedActions);
  const ladder = useLadder(sessionKey, supported, stateSince);
  const offersActions =
    needsAttention(health) || ladder.rungs.some((rung) => rung.phase !== 'idle');
  return offersActions ? <SessionActionButtons {...ladder} tabIndex={tabbable ? 0 : -1} /> : null;
}

/**
 * One row of `SessionList`, subscribed to its own session: a heartbeat for
 * another session does not render it, and its times tick in leaves of their
 * own. Memoized on plain props, so the list re-rendering (scroll, order)
 * does not render rows whose props did not change.
 *
 * The list reuses a row for whichever session its place shows, so nothing
 * here keeps state of one session: the tooltip closes when the session
 * changes, and an action under way is the client's mutation for that
 * session (with the list's "confirming"), so it follows its session.
 */
export const ListRow = memo(function ListRow({
  sessionKey,
  top,
  label,
  selected,
  tabbable,
  locale,
  showSource,
  index,
  search,
}: ListRowProps) {
  const heartbeat = useSessionHeartbeat(sessionKey);
  const verdict = useSessionHealth(sessionKey);
  // The ladder is worked out only where it may show: most rows offer nothing.
  const hasActionRuns = useHasActionRuns(sessionKey);
  const mayOfferActions = needsAttention(verdict.health) || hasActionRuns;
  return (
    <>
      <RenderProbeMark id={sessionKey} />
      <SessionRowView
        className="shb-list__row"
        style={{ transform: `translateY(${top}px)` }}
        sessionKey={sessionKey}
        label={label}
        heartbeat={heartbeat}
        verdict={verdict}
        selected={selected}
        tabbable={tabbable}
        locale={locale}
        showSource={showSource}
        highlight={search}
        keyAction={<CopyKeyButton sessionKey={sessionKey} tabIndex={tabbable ? 0 : -1} />}
        data-index={index}
        tooltip={<SessionDetails sessionKey={sessionKey} label={label} locale={locale} />}
        action={
          mayOfferActions ? (
            <RowActions
              sessionKey={sessionKey}
              stateSince={heartbeat?.stateSince}
              health={verdict.health}
              tabbable={tabbable}
            />
          ) : undefined
        }
      />
    </>
  );
});
