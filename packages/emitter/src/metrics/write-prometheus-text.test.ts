import { describe, expect, it } from 'vitest';
import type { HealthMetrics } from '../health/health-monitor-types';
import { writePrometheusText } from './write-prometheus-text';

const EMPTY: HealthMetrics = {
  sessions: [],
  sources: [],
  stalls: { no_progress: 0, tool_loop: 0, turn_overdue: 0 },
  unresponsive: 0,
  emitted: 0,
  stateDurations: [],
};

describe('writePrometheusText', () => {
  it('escapes a label value as the format says: a gateway id cannot break the scrape', () => {
    const text = writePrometheusText({
      ...EMPTY,
      sources: [{ id: 'gw "eu"\\1\nfake_metric 1', up: false }],
    });
    expect(text).toContain(
      'session_heartbeat_source_up{source="gw \\"eu\\"\\\\1\\nfake_metric 1"} 0\n',
    );
    expect(text.split('\n').filter((line) => line.startsWith('fake_metric'))).toEqual([]);
  });

  it('writes histogram buckets cumulatively, +Inf equal to the count', () => {
    const bucketCounts = new Array<number>(14).fill(0);
    bucketCounts[0] = 2; // ≤ 0.5 s
    bucketCounts[7] = 1; // ≤ 60 s
    bucketCounts[13] = 1; // over an hour
    const text = writePrometheusText({
      ...EMPTY,
      stateDurations: [{ state: 'awaiting_model', bucketCounts, sum: 3700.6, count: 4 }],
    });
    const lines = text.split('\n');
    const name = 'session_heartbeat_state_duration_seconds';
    expect(lines).toContain(`${name}_bucket{state="awaiting_model",le="0.5"} 2`);
    expect(lines).toContain(`${name}_bucket{state="awaiting_model",le="30"} 2`);
    expect(lines).toContain(`${name}_bucket{state="awaiting_model",le="60"} 3`);
    expect(lines).toContain(`${name}_bucket{state="awaiting_model",le="3600"} 3`);
    expect(lines).toContain(`${name}_bucket{state="awaiting_model",le="+Inf"} 4`);
    expect(lines).toContain(`${name}_sum{state="awaiting_model"} 3700.6`);
    expect(lines).toContain(`${name}_count{state="awaiting_model"} 4`);
  });

  it('declares every family even before it has a series, and ends with a line feed', () => {
    const text = writePrometheusText(EMPTY);
    expect(text.match(/^# TYPE /gm)).toHaveLength(6);
    expect(text.endsWith('\n')).toBe(true);
  });
});
