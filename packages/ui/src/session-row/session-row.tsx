import type { HealthVerdict, ReceivedHeartbeat } from '@session-heartbeat/core';
import { isApprovalWait, useSessionHealth, useSessionHeartbeat } from '@session-heartbeat/react';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { describeState, HEALTH_LABELS } from '../format/describe-session';
import { Elapsed } from '../last-activity/elapsed';
import { activitySinceEntry } from '../last-activity/activity-since-entry';
import { LastActivity } from '../last-activity/last-activity';
import { describeApproval } from '../status-dot/approval-words';
import { StatusDot } from '../status-dot/status-dot';
import { highlightMatch } from './highlight-match';
import { keyText } from './key-text';
import { RowDotTooltip } from './row-dot-tooltip';

export interface SessionRowBaseProps extends Omit<
  ComponentPropsWithRef<'div'>,
  'children' | 'role' | 'tabIndex'
> {
  sessionKey: string;
  /** A human name, shown before the key (and searched). */
  label?: string | undefined;
  /**
   * Now, on the server's clock. Omit it and the times follow the shared clock
   * (`useServerNow()`, inside a `HeartbeatProvider`): only they re-render
   * every second, not the row.
   */
  now?: number;
  /** @default false */
  selected?: boolean;
  /** Whether this row is the list's one tab stop (roving tabindex). @default false */
  tabbable?: boolean;
  /** The details the dot's tooltip shows; no tooltip when absent. */
  tooltip?: ReactNode;
  /** The row's action, e.g. restart for a stalled session. */
  action?: ReactNode;
  /** A BCP 47 tag for relative times. @default the browser's locale */
  locale?: string | undefined;
  /** Fleet: show the session's source (gateway) in a column of its own. @default false */
  showSource?: boolean;
  /** A search whose matches in the label, key, model and state are marked (`<mark>`). */
  highlight?: string | undefined;
  /** After the key, e.g. a button that copies it. */
  keyAction?: ReactNode;
}

export type SessionRowProps = SessionRowBaseProps &
  (
    | {
        /** `undefined` before the first heartbeat, or once the session is gone. */
        heartbeat: ReceivedHeartbeat | undefined;
        /** The health to show; with `heartbeat`, the row shows what they say. */
        verdict: HealthVerdict;
      }
    | {
        heartbeat?: never;
        /** Without it, the row follows `sessionKey` in the provider's client. */
        verdict?: never;
      }
  );

/** The state in words (a function, as `highlightMatch` is: no fiber of its own). */
function stateText(
  heartbeat: ReceivedHeartbeat | undefined,
  verdict: HealthVerdict,
  highlight: string | undefined,
): ReactNode {
  if (heartbeat === undefined) {
    return verdict.because === 'no_heartbeat_yet'
      ? 'No heartbeat yet'
      : HEALTH_LABELS[verdict.health];
  }
  if (verdict.health === 'unresponsive') {
    // What it was doing is stale: say first that it went silent.
    return (
      <>
        No heartbeat
        <span className="shb-row__state-was"> · was {describeState(heartbeat).toLowerCase()}</span>
      </>
    );
  }
  const words = isApprovalWait({ heartbeat, health: verdict.health })
    ? describeApproval(heartbeat.toolName)
    : describeState(heartbeat);
  return highlightMatch(words, highlight);
}

/**
 * One session as a list row: dot (with its tooltip), key or label, state in
 * words, model, time in this state, last activity and an action. Given a
 * `heartbeat` and `verdict` it shows them; given only a `sessionKey`, it
 * follows that session in the provider's client. The element carries
 * `data-session-key`, `data-health`, `data-state`, `data-selected` and
 * `data-seq` (the `seq` of the heartbeat shown: what the benchmark in
 * `bench/` watches to time a heartbeat from its arrival to the DOM).
 */
export function SessionRow(props: SessionRowProps) {
  return props.verdict === undefined ? (
    <ConnectedSessionRow {...props} />
  ) : (
    <SessionRowView {...props} heartbeat={props.heartbeat} verdict={props.verdict} />
  );
}

function ConnectedSessionRow(props: SessionRowBaseProps) {
  const heartbeat = useSessionHeartbeat(props.sessionKey);
  const verdict = useSessionHealth(props.sessionKey);
  return <SessionRowView {...props} heartbeat={heartbeat} verdict={verdict} />;
}

export function SessionRowView({
  sessionKey,
  label,
  heartbeat,
  verdict,
  now,
  selected = false,
  tabbable = false,
  tooltip,
  action,
  locale,
  showSource = false,
  highlight,
  keyAction,
  className,
  ...divProps
}: SessionRowBaseProps & { heartbeat: ReceivedHeartbeat | undefined; verdict: HealthVerdict }) {
  const approval = heartbeat !== undefined && isApprovalWait({ heartbeat, health: verdict.health });
  const dot = <StatusDot health={verdict.health} approval={approval} size="md" />;
  const shownLabel = label ?? heartbeat?.label;
  return (
    <div
      {...divProps}
      role="listitem"
      tabIndex={tabbable ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      className={className === undefined ? 'shb-row' : `shb-row ${className}`}
      data-session-key={sessionKey}
      data-health={verdict.health}
      data-state={heartbeat?.state}
      data-approval={approval || undefined}
      data-seq={heartbeat?.seq}
      data-selected={selected || undefined}
    >
      <span className="shb-row__dot">
        {tooltip === undefined ? (
          dot
        ) : (
          <RowDotTooltip sessionKey={sessionKey} content={tooltip} tabbable={tabbable}>
            {dot}
          </RowDotTooltip>
        )}
      </span>
      <span
        className="shb-row__name"
        title={shownLabel === undefined ? sessionKey : `${shownLabel} · ${sessionKey}`}
      >
        {shownLabel !== undefined && (
          <span className="shb-row__label">{highlightMatch(shownLabel, highlight)}</span>
        )}
        <span className="shb-row__key-line">
          {keyText(sessionKey, highlight)}
          {keyAction}
        </span>
      </span>
      {showSource && (
        <span className="shb-row__source" title={heartbeat?.source}>
          {heartbeat?.source === undefined ? (
            ''
          ) : (
            <>
              <span className="shb-visually-hidden">source </span>
              {heartbeat.source}
            </>
          )}
        </span>
      )}
      <span className="shb-row__state">{stateText(heartbeat, verdict, highlight)}</span>
      <span className="shb-row__model" title={heartbeat?.model}>
        {highlightMatch(heartbeat?.model ?? '', highlight)}
      </span>
      <span className="shb-row__elapsed">
        {heartbeat !== undefined && (
          <>
            <span className="shb-visually-hidden">in this state for </span>
            <Elapsed since={heartbeat.stateSince} now={now} />
          </>
        )}
      </span>
      <span className="shb-row__activity">
        {heartbeat !== undefined && <RowActivity heartbeat={heartbeat} now={now} locale={locale} />}
      </span>
      <span className="shb-row__action">{action}</span>
    </div>
  );
}

/** Last activity, when it says more than "In state": a dash, and words for screen readers, otherwise. */
function RowActivity({
  heartbeat,
  now,
  locale,
}: {
  heartbeat: ReceivedHeartbeat;
  now: number | undefined;
  locale: string | undefined;
}) {
  const at = activitySinceEntry(heartbeat);
  if (at === undefined) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="shb-visually-hidden">no activity since it entered this state</span>
      </>
    );
  }
  return (
    <>
      <span className="shb-visually-hidden">last activity </span>
      <LastActivity at={at} now={now} locale={locale} />
    </>
  );
}
