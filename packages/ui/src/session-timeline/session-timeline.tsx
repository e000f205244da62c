import {
  useServerNow,
  useSessionAction,
  useSessionHistory,
  type HealthStretch,
} from '@session-heartbeat/react';
import type { ComponentPropsWithRef } from 'react';
import { formatDuration } from '../format/format-duration';
import { formatRelativeTime } from '../format/format-relative-time';
import { TimelineLegend } from './timeline-legend';
import {
  describeTimeline,
  describeTimelineMark,
  describeTimelineMarks,
  timelineSegments,
  timelineStateName,
  type TimelineMark,
} from './timeline-segments';

interface TimelineBaseProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** How far back the strip reaches. @default 600000 (10 minutes) */
  windowMs?: number;
  /** Shows what the patterns mean under the strip (a detail panel has room; a tooltip does not). @default false */
  legend?: boolean;
}

export type SessionTimelineProps = TimelineBaseProps &
  (
    | {
        /** States, oldest first (the shape of `useSessionHistory(key)`). */
        entries: readonly HealthStretch[];
        /** Now, on the server's clock. */
        now: number;
        /** Actions a person asked for, marked at their time. @default [] */
        marks?: readonly TimelineMark[];
        sessionKey?: never;
      }
    | {
        /** A session of the `HeartbeatProvider`'s client, followed live. */
        sessionKey: string;
        entries?: never;
        now?: never;
        marks?: never;
      }
  );

const TEN_MINUTES = 10 * 60 * 1000;

/**
 * A compact strip of one session's recent states, for the tooltip or a detail
 * panel. Working, waiting, stalled and idle stretches differ in pattern as
 * well as colour; assistive technology reads it as one image with a text
 * summary ("Last 10 min: idle 6 min, waiting for the model 42 s, …"). An
 * action a person asked for (nudge, abort, restart) is a mark at its time,
 * and the summary says it ("restart asked 40s ago").
 *
 * @example
 * <SessionTimeline sessionKey="agent:main:main" />
 */
export function SessionTimeline(props: SessionTimelineProps) {
  return props.sessionKey === undefined ? (
    <TimelineStrip {...props} entries={props.entries} now={props.now} marks={props.marks ?? []} />
  ) : (
    <LiveTimeline {...props} sessionKey={props.sessionKey} />
  );
}

function LiveTimeline({ sessionKey, ...props }: TimelineBaseProps & { sessionKey: string }) {
  const entries = useSessionHistory(sessionKey);
  const now = useServerNow();
  // The newest run of each action, from whichever view asked (the client's mutations).
  const runs = [
    ['nudge', useSessionAction(sessionKey, 'nudge').latest],
    ['abort', useSessionAction(sessionKey, 'abort').latest],
    ['restart', useSessionAction(sessionKey, 'restart').latest],
  ] as const;
  const marks: TimelineMark[] = [];
  for (const [action, run] of runs) {
    const at = run?.variables?.askedAt;
    if (at !== undefined && run?.status !== 'error') marks.push({ action, at });
  }
  return <TimelineStrip {...props} entries={entries} now={now} marks={marks} />;
}

function TimelineStrip({
  entries,
  now,
  marks,
  windowMs = TEN_MINUTES,
  legend = false,
  className,
  ...divProps
}: TimelineBaseProps & {
  entries: readonly HealthStretch[];
  now: number;
  marks: readonly TimelineMark[];
  sessionKey?: undefined;
}) {
  const segments = timelineSegments(entries, now, windowMs);
  const windowStart = now - windowMs;
  const shownMarks = marks.filter((mark) => mark.at >= windowStart && mark.at <= now);
  return (
    <div
      {...divProps}
      className={className === undefined ? 'shb-timeline' : `shb-timeline ${className}`}
    >
      <div
        className="shb-timeline__strip"
        role="img"
        aria-label={describeTimeline(segments, windowMs) + describeTimelineMarks(shownMarks, now)}
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
        {shownMarks.map((mark) => (
          <span
            key={`${mark.action}-${mark.at}`}
            className="shb-timeline__mark"
            data-action={mark.action}
            style={{ left: `${((mark.at - windowStart) / windowMs) * 100}%` }}
            title={describeTimelineMark(mark, now)}
          />
        ))}
      </div>
      <div className="shb-timeline__axis" aria-hidden="true">
        <span>{formatRelativeTime(now - windowMs, now)}</span>
        <span>now</span>
      </div>
      {legend && <TimelineLegend />}
    </div>
  );
}
