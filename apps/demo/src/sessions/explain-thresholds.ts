import {
  DEFAULT_THRESHOLDS,
  matchPattern,
  type HealthThresholds,
  type ReceivedHeartbeat,
  type ThresholdConfig,
  type ThresholdOverride,
} from '@session-heartbeat/core';

/** Where a limit comes from, most specific first (the order `resolveThresholds` uses). */
export type ThresholdSource =
  | { layer: 'session' }
  | { layer: 'tool'; pattern: string }
  | { layer: 'model'; pattern: string }
  | { layer: 'state' }
  | { layer: 'global' }
  | { layer: 'default' };

export interface ExplainedThreshold {
  /** The limit: ms, or a count for `loopAfterRepeats`. */
  value: number;
  source: ThresholdSource;
}

type Subject = Pick<ReceivedHeartbeat, 'sessionKey' | 'state' | 'toolName' | 'model'>;

function patternOf(
  table: Record<string, ThresholdOverride> | undefined,
  name: string | undefined,
): { pattern: string; override: ThresholdOverride } | undefined {
  const override = matchPattern(table, name);
  if (table === undefined || override === undefined) return undefined;
  const pattern = Object.keys(table).find((key) => table[key] === override);
  return pattern === undefined ? undefined : { pattern, override };
}

/**
 * The limits that apply to a session and which layer of the config set each,
 * so the detail panel can say "limit 3 min (per-model rule ollama/*)".
 */
export function explainThresholds(
  config: ThresholdConfig | undefined,
  heartbeat: Subject,
): Record<keyof HealthThresholds, ExplainedThreshold> {
  const session = config?.bySession?.[heartbeat.sessionKey];
  const tool = patternOf(config?.byTool, heartbeat.toolName);
  const model = patternOf(config?.byModel, heartbeat.model);
  const state = heartbeat.state === 'unknown' ? undefined : config?.byState?.[heartbeat.state];
  const layers: [ThresholdOverride | undefined, ThresholdSource][] = [
    [session, { layer: 'session' }],
    [tool?.override, { layer: 'tool', pattern: tool?.pattern ?? '' }],
    [model?.override, { layer: 'model', pattern: model?.pattern ?? '' }],
    [state, { layer: 'state' }],
    [config, { layer: 'global' }],
  ];
  const explain = (field: keyof HealthThresholds): ExplainedThreshold => {
    for (const [layer, source] of layers) {
      const value = layer?.[field];
      if (value !== undefined && Number.isFinite(value) && value >= 0) return { value, source };
    }
    return { value: DEFAULT_THRESHOLDS[field], source: { layer: 'default' } };
  };
  return {
    stallAfterMs: explain('stallAfterMs'),
    unresponsiveAfterMs: explain('unresponsiveAfterMs'),
    loopAfterRepeats: explain('loopAfterRepeats'),
    turnMaxMs: explain('turnMaxMs'),
  };
}

/** The source in words: "per-tool rule exec", "global setting". */
export function describeSource(source: ThresholdSource): string {
  switch (source.layer) {
    case 'session':
      return 'this session’s own limit';
    case 'tool':
      return `per-tool rule ${source.pattern}`;
    case 'model':
      return `per-model rule ${source.pattern}`;
    case 'state':
      return 'per-state limit';
    case 'global':
      return 'global setting';
    case 'default':
      return 'default';
    default:
      return source satisfies never;
  }
}
