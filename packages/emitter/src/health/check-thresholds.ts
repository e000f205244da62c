import {
  parseThresholdConfig,
  type ParseResult,
  type ThresholdConfig,
} from '@session-heartbeat/core';

/** Every silence limit of a config, with where it is. */
function silenceLimits(config: ThresholdConfig): [string, number][] {
  const limits: [string, number][] = [];
  if (config.unresponsiveAfterMs !== undefined) {
    limits.push(['unresponsiveAfterMs', config.unresponsiveAfterMs]);
  }
  for (const table of ['byState', 'byTool', 'byModel', 'bySession'] as const) {
    for (const [key, override] of Object.entries(config[table] ?? {})) {
      if (override?.unresponsiveAfterMs !== undefined) {
        limits.push([
          `${table}[${JSON.stringify(key)}].unresponsiveAfterMs`,
          override.unresponsiveAfterMs,
        ]);
      }
    }
  }
  return limits;
}

/**
 * Thresholds a server may classify with: what core's `parseThresholdConfig`
 * accepts, with nothing that is not a threshold (a stored config refuses a
 * typo rather than dropping it), and no silence limit at or under the
 * heartbeat interval (sessions beat only that often: every one would be
 * unresponsive between two beats). A refusal names the field.
 */
export function checkThresholds(input: unknown, intervalMs: number): ParseResult<ThresholdConfig> {
  const config = parseThresholdConfig(input);
  if (!config.ok) return config;
  if (config.problems.length > 0) return { ok: false, error: config.problems.join('; ') };
  for (const [where, ms] of silenceLimits(config.value)) {
    if (ms <= intervalMs) {
      return {
        ok: false,
        error: `${where} must be more than the heartbeat interval (${intervalMs} ms), got ${ms}: sessions beat only that often`,
      };
    }
  }
  return config;
}
