import { useServerNow, useSessionHistory, type HealthStretch } from '@session-heartbeat/react';
import type { ComponentPropsWithRef } from 'react';
import { formatDuration } from '../format/format-duration';
import { describeTimeline, timelineSegments, timelineStateName } from './timeline-segments';

interface TimelineBaseProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** How far back the strip reaches. @default 600000 (10 minutes) */
  windowMs?: number;
}

export type SessionTimelineProps = TimelineBaseProps &
  (
    | {
        /** States, oldest first (the shape of `useSessionHistory(key)`). */
        entries: readonly HealthStretch[];
        /** Now, on the server's clock. */
        now: number;
        sessionKey?: never;
      }
    | {
        /** A session of the `HeartbeatProvider`'s client, followed live. */
        sessionKey: string;
        entries?: never;
        now?: never;
      }
  );

const TEN_MINUTES = 10 * 60 * 1000;

/**
 * A compact strip of one session's recent states, for the tooltip or a detail
 * panel. Working, waiting, stalled and idle stretches differ in pattern as
 * well as colour; assistive technology reads it as one image with a text
 * summary ("Last 10 min: idle 6 min, waiting for the model 42 s, …").
 *
 * @example
 * <SessionTimeline sessionKey="agent:main:main" />
 */
export function SessionTimeline(props: SessionTimelineProps) {
  return props.sessionKey === undefined ? (
    <TimelineStrip {...props} entries={props.entries} now={props.now} />
  ) : (
    <LiveTimeline {...props} sessionKey={props.sessionKey} />
  );
}

function LiveTimeline({ sessionKey, ...props }: TimelineBaseProps & { sessionKey: string }) {
  const entries = useSessionHistory(sessionKey);
  const now = useServerNow();
  return <TimelineStrip {...props} entries={entries} now={now} />;
}

function TimelineStrip({
  entries,
  now,
  windowMs = TEN_MINUTES,
  className,
  ...divProps
}: TimelineBaseProps & { entries: readonly HealthStretch[]; now: number; sessionKey?: undefined }) {
  const segments = timelineSegments(entries, now, windowMs);
  const windowStart = now - windowMs;
  return (
    <div
      {...divProps}
      className={className === undefined ? 'shb-timeline' : `shb-timeline ${className}`}
    >
      <div
        className="shb-timeline__strip"
        role="img"
        aria-label={describeTimeline(segments, windowMs)}
      >
        {segments.map((segment) => (
          <span
            key={segment.start}
            className="shb-timeline__segment"
            data-state={segment.state}
            data-health={segment.health}
            style={{
              left: `${((segment.start - windowStart) / windowMs) * 100}%`,
              width: `${((segment.end - segment.start) / windowMs) * 100}%`,
            }}
            title={`${timelineStateName(segment)} · ${formatDuration(segment.end - segment.start)}`}
          />
        ))}
      </div>
      <div className="shb-timeline__axis" aria-hidden="true">
        <span>{formatDuration(windowMs)} ago</span>
        <span>now</span>
      </div>
    </div>
  );
}
