import {
  isRestingState,
  lastActivityAt,
  type HealthVerdict,
  type ReceivedHeartbeat,
} from '@session-heartbeat/core';
import type { ComponentPropsWithRef } from 'react';
import { describeHealthReason, describeState, HEALTH_LABELS } from '../format/describe-session';
import { formatDuration } from '../format/format-duration';
import { LastActivity } from '../last-activity/last-activity';
import { SessionTimeline } from '../session-timeline/session-timeline';
import type { TimelineEntry } from '../session-timeline/timeline-segments';
import { StatusDot } from '../status-dot/status-dot';

export interface SessionDetailsProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  sessionKey: string;
  /** A human name for the session, shown above its key. */
  label?: string;
  /** The newest heartbeat; `undefined` before the first one (or after removal). */
  heartbeat: ReceivedHeartbeat | undefined;
  verdict: HealthVerdict;
  /** Now, on the server's clock; pass the shared ticking clock so times tick. */
  serverNow: number;
  /** Recent transitions, oldest first; the strip is left out when absent. */
  history?: readonly TimelineEntry[];
  /** A BCP 47 tag for relative times. @default the browser's locale */
  locale?: string;
}

/**
 * Everything known about one session, for a tooltip or a detail panel: the
 * health and state in words, why it needs a look (stalled, unresponsive,
 * disconnected), model, tool, time in this state, time since the turn
 * started, last activity and, when given, the last 10 minutes as a strip.
 */
export function SessionDetails({
  sessionKey,
  label,
  heartbeat,
  verdict,
  serverNow,
  history,
  locale,
  className,
  ...divProps
}: SessionDetailsProps) {
  const reason = describeHealthReason(verdict, heartbeat, serverNow);
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
          {label ?? sessionKey}
        </span>
      </div>
      {heartbeat !== undefined && <p className="shb-details__state">{describeState(heartbeat)}</p>}
      {reason !== undefined && <p className="shb-details__reason">{reason}</p>}
      {heartbeat !== undefined && (
        <dl className="shb-details__facts">
          {label !== undefined && <Fact term="Key" value={sessionKey} mono />}
          {heartbeat.model !== undefined && <Fact term="Model" value={heartbeat.model} mono />}
          {heartbeat.toolName !== undefined && <Fact term="Tool" value={heartbeat.toolName} mono />}
          <Fact term="In this state" value={formatDuration(serverNow - heartbeat.stateSince)} />
          {!isRestingState(heartbeat.state) && (
            <Fact
              term="Turn started"
              value={`${formatDuration(serverNow - heartbeat.startedAt)} ago`}
            />
          )}
          <div className="shb-details__fact">
            <dt>Last activity</dt>
            <dd className="shb-numeric">
              <LastActivity at={lastActivityAt(heartbeat)} now={serverNow} locale={locale} />
            </dd>
          </div>
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
