/**
 * The metric families of server-side health, in one place for both ways out:
 * the Prometheus text of `GET /metrics` (`name`) and OpenTelemetry
 * (`otelName` + `unit`, which an OpenTelemetry Prometheus exporter turns back
 * into `name`: dots become underscores, a counter gains `_total`, the unit
 * `s` gains `_seconds`, a `{…}` annotation adds nothing). Names follow the
 * Prometheus conventions, units in the name; no family has a per-session
 * label, so their size does not grow with the sessions.
 */
export interface MetricFamily {
  name: string;
  otelName: string;
  type: 'gauge' | 'counter' | 'histogram';
  /** The UCUM unit OpenTelemetry carries. */
  unit: string;
  help: string;
}

export const HEALTH_METRIC_FAMILIES = {
  sessions: {
    name: 'session_heartbeat_sessions',
    otelName: 'session_heartbeat.sessions',
    type: 'gauge',
    unit: '{session}',
    help: 'Sessions by health and state, as the server classifies them now.',
  },
  sourceUp: {
    name: 'session_heartbeat_source_up',
    otelName: 'session_heartbeat.source.up',
    type: 'gauge',
    unit: '',
    help: 'Whether a source of sessions is heard (1) or unreachable (0).',
  },
  stalls: {
    name: 'session_heartbeat_stalls_total',
    otelName: 'session_heartbeat.stalls',
    type: 'counter',
    unit: '{stall}',
    help: 'Times a session became stalled, by the reason it stalled.',
  },
  unresponsive: {
    name: 'session_heartbeat_unresponsive_total',
    otelName: 'session_heartbeat.unresponsive',
    type: 'counter',
    unit: '{session}',
    help: 'Times a session became unresponsive (no heartbeat for longer than unresponsiveAfterMs).',
  },
  emitted: {
    name: 'session_heartbeat_emitted_total',
    otelName: 'session_heartbeat.emitted',
    type: 'counter',
    unit: '{heartbeat}',
    help: 'Heartbeats emitted.',
  },
  stateDuration: {
    name: 'session_heartbeat_state_duration_seconds',
    otelName: 'session_heartbeat.state.duration',
    type: 'histogram',
    unit: 's',
    help: 'How long completed states lasted, by state and tool (tools the host did not declare count as other).',
  },
} as const satisfies Record<string, MetricFamily>;

/**
 * Bucket bounds of the state-duration histogram, in seconds: fine around a
 * model's first token and a tool call, and around the default stall limit
 * (30 s), coarse up to an hour.
 */
export const STATE_DURATION_BUCKETS_SECONDS: readonly number[] = [
  0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600,
];

/** The `tool` label of a tool the host did not declare. */
export const OTHER_TOOL = 'other';
