import type { HealthMetrics } from '../health/health-monitor-types';
import {
  HEALTH_METRIC_FAMILIES,
  STATE_DURATION_BUCKETS_SECONDS,
  type MetricFamily,
} from './health-metric-families';

/** The Content-Type of the Prometheus text exposition format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A label value as the format wants it: backslash, double quote and line feed escaped. */
function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

function labels(pairs: readonly (readonly [string, string | undefined])[]): string {
  const written = pairs
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
    .map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return written.length === 0 ? '' : `{${written.join(',')}}`;
}

function header(family: MetricFamily): string[] {
  return [`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`];
}

/**
 * The health metrics in the Prometheus text exposition format (0.0.4),
 * written by hand: six families of a few dozen series, whose totals the
 * monitor already keeps, need no client library.
 */
export function writePrometheusText(metrics: HealthMetrics): string {
  const families = HEALTH_METRIC_FAMILIES;
  const lines: string[] = [];

  lines.push(...header(families.sessions));
  for (const { health, state, count } of metrics.sessions) {
    lines.push(
      `${families.sessions.name}${labels([
        ['health', health],
        ['state', state],
      ])} ${count}`,
    );
  }

  lines.push(...header(families.sourceUp));
  for (const { id, up } of metrics.sources) {
    lines.push(`${families.sourceUp.name}${labels([['source', id]])} ${up ? 1 : 0}`);
  }

  lines.push(...header(families.stalls));
  for (const [reason, count] of Object.entries(metrics.stalls)) {
    lines.push(`${families.stalls.name}${labels([['reason', reason]])} ${count}`);
  }
  lines.push(
    ...header(families.unresponsive),
    `${families.unresponsive.name} ${metrics.unresponsive}`,
  );
  lines.push(...header(families.emitted), `${families.emitted.name} ${metrics.emitted}`);

  const histogram = families.stateDuration.name;
  lines.push(...header(families.stateDuration));
  for (const { state, tool, bucketCounts, sum, count } of metrics.stateDurations) {
    let cumulative = 0;
    STATE_DURATION_BUCKETS_SECONDS.forEach((bound, index) => {
      cumulative += bucketCounts[index] ?? 0;
      const bucketLabels = labels([
        ['state', state],
        ['tool', tool],
        ['le', String(bound)],
      ]);
      lines.push(`${histogram}_bucket${bucketLabels} ${cumulative}`);
    });
    const series = labels([
      ['state', state],
      ['tool', tool],
    ]);
    const infinite = labels([
      ['state', state],
      ['tool', tool],
      ['le', '+Inf'],
    ]);
    lines.push(`${histogram}_bucket${infinite} ${count}`);
    lines.push(`${histogram}_sum${series} ${sum}`);
    lines.push(`${histogram}_count${series} ${count}`);
  }
  return `${lines.join('\n')}\n`;
}
