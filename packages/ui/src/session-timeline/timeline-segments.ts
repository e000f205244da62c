import { needsAttention, type SessionHealth } from '@session-heartbeat/core';
import type { HealthStretch, SessionAction } from '@session-heartbeat/react';
import { formatDuration, formatSpan } from '../format/format-duration';
import { formatRelativeTime } from '../format/format-relative-time';

export interface TimelineSegment {
  state: HealthStretch['state'];
  health?: SessionHealth;
  toolName?: string;
  start: number;
  end: number;
}

/** Short words for a state in the strip's summary. */
export function timelineStateName(segment: Pick<TimelineSegment, 'state' | 'health'>): string {
  const name = stateName(segment.state);
  return segment.health !== undefined && needsAttention(segment.health)
    ? `${name} (${segment.health})`
    : name;
}

function stateName(state: HealthStretch['state']): string {
  switch (state) {
    case 'idle':
      return 'idle';
    case 'awaiting_model':
      return 'waiting for the model';
    case 'streaming':
      return 'streaming';
    case 'tool_exec':
      return 'running a tool';
    case 'tool_wait':
      return 'waiting on a tool';
    case 'complete':
      return 'turn complete';
    case 'unknown':
      return 'unknown';
    default:
      return state satisfies never;
  }
}

/**
 * Cuts the entries (oldest first) into segments inside `[now - windowMs, now]`;
 * the state in force at the window's start is clipped to it.
 */
export function timelineSegments(
  entries: readonly HealthStretch[],
  now: number,
  windowMs: number,
): TimelineSegment[] {
  const windowStart = now - windowMs;
  const segments: TimelineSegment[] = [];
  entries.forEach((entry, index) => {
    const next = entries[index + 1];
    const start = Math.max(entry.since, windowStart);
    const end = Math.min(next === undefined ? now : next.since, now);
    if (end <= start) return;
    const segment: TimelineSegment = { state: entry.state, start, end };
    if (entry.health !== undefined) segment.health = entry.health;
    if (entry.toolName !== undefined) segment.toolName = entry.toolName;
    segments.push(segment);
  });
  return segments;
}

const MAX_SPOKEN_SEGMENTS = 6;

/**
 * The strip in words, newest last: "Last 10 minutes: idle 6m, waiting for
 * the model 42s, streaming 1m 5s". Long histories keep the newest segments.
 */
export function describeTimeline(segments: readonly TimelineSegment[], windowMs: number): string {
  const window = `Last ${formatSpan(windowMs)}`;
  if (segments.length === 0) return `${window}: no activity recorded`;
  const spoken = segments.slice(-MAX_SPOKEN_SEGMENTS);
  const earlier = segments.length - spoken.length;
  const parts = spoken.map(
    (segment) => `${timelineStateName(segment)} ${formatDuration(segment.end - segment.start)}`,
  );
  const prefix =
    earlier > 0 ? `${earlier} earlier ${earlier === 1 ? 'state' : 'states'}, then ` : '';
  return `${window}: ${prefix}${parts.join(', ')}`;
}

/** An action a person asked for, at its time on the server's clock. */
export interface TimelineMark {
  action: SessionAction;
  at: number;
}

/** One mark in words: "restart asked 40s ago". */
export function describeTimelineMark(mark: TimelineMark, now: number): string {
  return `${mark.action} asked ${formatRelativeTime(mark.at, Math.max(now, mark.at))}`;
}

/**
 * The marks in words, to follow the strip's summary: "; restart asked 40s
 * ago". Empty without marks.
 */
export function describeTimelineMarks(marks: readonly TimelineMark[], now: number): string {
  if (marks.length === 0) return '';
  const spoken = [...marks]
    .sort((a, b) => a.at - b.at)
    .map((mark) => describeTimelineMark(mark, now));
  return `; ${spoken.join(', ')}`;
}
