import { useSessionHealth, useSessionHeartbeat } from '@session-heartbeat/react';
import { memo } from 'react';
import { useRenderProbe } from '../session-list/render-probe';
import { ConnectedSessionDetails } from '../session-tooltip/connected-session-details';
import { SessionRestartAction } from './session-restart-action';
import { SessionRowView } from './session-row-view';

export interface SessionRowProps {
  sessionKey: string;
  /** Offset from the top of the list, in px (the virtualizer's `start`). */
  top: number;
  label: string | undefined;
  selected: boolean;
  tabbable: boolean;
  locale: string | undefined;
}

/**
 * One row of `SessionList`, subscribed to its own session: a heartbeat for
 * another session does not render it, and its times tick in leaves of their
 * own. Memoized on plain props, so the list re-rendering (scroll, order)
 * does not render rows whose props did not change.
 *
 * The list reuses a row for whichever session its place shows, so nothing
 * here keeps state of one session: the tooltip closes when the session
 * changes, and a restart under way lives in the list (`RestartFlows`) and
 * follows its session. A row outside a list keeps its own restart flow.
 */
export const SessionRow = memo(function SessionRow({
  sessionKey,
  top,
  label,
  selected,
  tabbable,
  locale,
}: SessionRowProps) {
  const heartbeat = useSessionHeartbeat(sessionKey);
  const verdict = useSessionHealth(sessionKey);
  useRenderProbe(sessionKey);
  return (
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
      tooltip={<ConnectedSessionDetails sessionKey={sessionKey} label={label} locale={locale} />}
      action={
        <SessionRestartAction
          sessionKey={sessionKey}
          health={verdict.health}
          stateSince={heartbeat?.stateSince}
          tabbable={tabbable}
        />
      }
    />
  );
});
