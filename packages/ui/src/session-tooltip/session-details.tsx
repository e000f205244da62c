import {
  isRestingState,
  type HealthVerdict,
  type ReceivedHeartbeat,
} from '@session-heartbeat/core';
import {
  useServerNow,
  useSessionHealth,
  useSessionHeartbeat,
  useSessionHistory,
  type HealthStretch,
} from '@session-heartbeat/react';
import type { ComponentPropsWithRef } from 'react';
import { describeHealthReason, describeState, HEALTH_LABELS } from '../format/describe-session';
import { formatDuration } from '../format/format-duration';
import { activitySinceEntry } from '../last-activity/activity-since-entry';
import { LastActivity } from '../last-activity/last-activity';
import { formatRelativeTime } from '../format/format-relative-time';
import { SessionTimeline } from '../session-timeline/session-timeline';
import { StatusDot } from '../status-dot/status-dot';

export interface SessionDetailsBaseProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  sessionKey: string;
  /** A human name for the session, shown above its key. */
  label?: string | undefined;
  /** A BCP 47 tag for relative times. @default the browser's locale */
  locale?: string | undefined;
}

export interface SessionDetailsData {
  /** The newest heartbeat; `undefined` before the first one (or after removal). */
  heartbeat: ReceivedHeartbeat | undefined;
  verdict: HealthVerdict;
  /** Now, on the server's clock; pass the shared ticking clock so times tick. */
  serverNow: number;
  /** Recent transitions, oldest first; the strip is left out when absent. */
  history?: readonly HealthStretch[] | undefined;
}

export type SessionDetailsProps = SessionDetailsBaseProps &
  (
    | (SessionDetailsData & { showTimeline?: never })
    | {
        heartbeat?: never;
        /** Without it, the details follow `sessionKey` in the provider's client, ticking with its clock. */
        verdict?: never;
        serverNow?: never;
        history?: never;
        /** Show the last 10 minutes as a strip. @default true */
        showTimeline?: boolean;
      }
  );

/**
 * Everything known about one session, for a tooltip or a detail panel: the
 * health and state in words, why it needs a look (stalled, unresponsive,
 * disconnected), model, tool, time in this state, time since the turn
 * started, last activity and the last 10 minutes as a strip. Given a
 * `heartbeat` and `verdict` it shows them; given only a `sessionKey`, it
 * follows that session in the provider's client.
 */
export function SessionDetails(props: SessionDetailsProps) {
  if (props.verdict !== undefined) return <SessionDetailsView {...props} verdict={props.verdict} />;
  const { showTimeline = true, ...rest } = props;
  return <ConnectedSessionDetails {...rest} showTimeline={showTimeline} />;
}

function ConnectedSessionDetails({
  showTimeline,
  ...props
}: SessionDetailsBaseProps & { showTimeline: boolean }) {
  const heartbeat = useSessionHeartbeat(props.sessionKey);
  const verdict = useSessionHealth(props.sessionKey);
  const history = useSessionHistory(props.sessionKey);
  const serverNow = useServerNow();
  return (
    <SessionDetailsView
      {...props}
      heartbeat={heartbeat}
      verdict={verdict}
      serverNow={serverNow}
      history={showTimeline && heartbeat !== undefined ? history : undefined}
    />
  );
}

function SessionDetailsView({
  sessionKey,
  label,
  heartbeat,
  verdict,
  serverNow,
  history,
  locale,
  className,
  ...divProps
}: SessionDetailsBaseProps & SessionDetailsData) {
  const reason = describeHealthReason(verdict, heartbeat, serverNow);
  const name = label ?? heartbeat?.label;
  const activityAt = heartbeat === undefined ? undefined : activitySinceEntry(heartbeat);
  return (
    <div
      {...divProps}
      className={className === undefined ? 'shb-details' : `shb-details ${className}`}
      data-health={verdict.health}
    >
      <div className="shb-details__header">
        <StatusDot health={verdict.health} size="md" aria-hidden="true" />
        <span className="shb-details__health">{HEALTH_LABELS[verdict.health]}</span>
        <span className="shb-details__key shb-mono" title={sessionKey}>
          {name ?? sessionKey}
        </span>
      </div>
      {heartbeat !== undefined && <p className="shb-details__state">{describeState(heartbeat)}</p>}
      {reason !== undefined && <p className="shb-details__reason">{reason}</p>}
      {heartbeat?.activity !== undefined && (
        <p className="shb-details__activity">
          <span className="shb-visually-hidden">Latest activity: </span>
          {heartbeat.activity}
        </p>
      )}
      {heartbeat !== undefined && (
        <dl className="shb-details__facts">
          {name !== undefined && <Fact term="Key" value={sessionKey} mono />}
          {heartbeat.model !== undefined && <Fact term="Model" value={heartbeat.model} mono />}
          {heartbeat.toolName !== undefined && <Fact term="Tool" value={heartbeat.toolName} mono />}
          {heartbeat.turnToolCalls !== undefined && (
            <Fact term="Tool calls this turn" value={String(heartbeat.turnToolCalls)} />
          )}
          <Fact
            term="In this state"
            value={formatDuration(serverNow - heartbeat.stateSince, locale)}
          />
          {!isRestingState(heartbeat.state) && (
            <Fact
              term="Turn started"
              value={formatRelativeTime(heartbeat.startedAt, serverNow, locale)}
            />
          )}
          {activityAt !== undefined && (
            <div className="shb-details__fact">
              <dt>Last activity</dt>
              <dd className="shb-numeric">
                <LastActivity at={activityAt} now={serverNow} locale={locale} />
              </dd>
            </div>
          )}
        </dl>
      )}
      {history !== undefined && (
        <SessionTimeline className="shb-details__timeline" entries={history} now={serverNow} />
      )}
    </div>
  );
}

function Fact({ term, value, mono = false }: { term: string; value: string; mono?: boolean }) {
  return (
    <div className="shb-details__fact">
      <dt>{term}</dt>
      <dd className={mono ? 'shb-mono' : 'shb-numeric'} title={mono ? value : undefined}>
        {value}
      </dd>
    </div>
  );
}
