import type { ReceivedHeartbeat, SessionState } from '../protocol/types';

/** The limits that decide a session's health. */
export interface HealthThresholds {
  /**
   * `awaiting_model`, `tool_exec` or `streaming` with no progress (no token,
   * no output, no step) for longer than this is `stalled` (`no_progress`).
   * @default 30000
   */
  stallAfterMs: number;
  /**
   * No heartbeat for longer than this, while the client hears the server, is `unresponsive`.
   * @default 15000
   */
  unresponsiveAfterMs: number;
  /**
   * The same tool with the same input this many times in a row is `stalled`
   * (`tool_loop`): busy, but going round in circles.
   * @default 5
   */
  loopAfterRepeats: number;
  /**
   * A turn older than this that still reports progress is `stalled`
   * (`turn_overdue`): busy, but not finishing.
   * @default 900000 (15 minutes)
   */
  turnMaxMs: number;
}

export const DEFAULT_THRESHOLDS: Readonly<HealthThresholds> = Object.freeze({
  stallAfterMs: 30_000,
  unresponsiveAfterMs: 15_000,
  loopAfterRepeats: 5,
  turnMaxMs: 900_000,
});

export type ThresholdOverride = Partial<HealthThresholds>;

/**
 * Learning how long states take (`adaptive`): a state stalls only after
 * `max(stallAfterMs, p95 × factor)` without progress, where p95 is of the
 * completed durations seen for its tool (`tool_exec`) or model
 * (`awaiting_model`, `streaming`), once there are `minSamples` of them. It
 * never flags a session earlier than the fixed thresholds would.
 */
export interface AdaptiveThresholds {
  /** @default 1.5 */
  factor?: number;
  /** @default 20 */
  minSamples?: number;
}

/**
 * Thresholds for every session, with overrides. The most specific override
 * wins, field by field: session › tool › model › state › global › defaults.
 * A tool outranks a model because while a tool runs, the tool is what is slow.
 *
 * Keys of `byTool` and `byModel` match exactly, or by prefix when they end in
 * `*` (`"ollama/*"`); the longest matching prefix wins.
 *
 * @example
 * { stallAfterMs: 60_000, byModel: { 'ollama/*': { stallAfterMs: 180_000 } } }
 */
export interface ThresholdConfig extends ThresholdOverride {
  byState?: Partial<Record<SessionState, ThresholdOverride>>;
  byTool?: Record<string, ThresholdOverride>;
  byModel?: Record<string, ThresholdOverride>;
  bySession?: Record<string, ThresholdOverride>;
  /** Learn per tool and per model how long states take (never below the fixed limits). @default off */
  adaptive?: boolean | AdaptiveThresholds;
}

/** An own entry of a lookup table (never one inherited from `Object.prototype`). */
function own<T>(table: Partial<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Looks a name up exactly, then by the longest `prefix*` pattern. */
export function matchPattern<T>(
  table: Record<string, T> | undefined,
  name: string | undefined,
): T | undefined {
  if (table === undefined || name === undefined) return undefined;
  if (Object.hasOwn(table, name)) return table[name];
  let best: T | undefined;
  let bestLength = -1;
  for (const pattern of Object.keys(table)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    // Stryker disable next-line EqualityOperator: two patterns of one length that both match are the same key
    if (prefix.length > bestLength && name.startsWith(prefix)) {
      best = table[pattern];
      bestLength = prefix.length;
    }
  }
  return best;
}

function pick(field: keyof HealthThresholds, layers: (ThresholdOverride | undefined)[]): number {
  for (const layer of layers) {
    const value = layer?.[field];
    // Stryker disable next-line ConditionalExpression: Number.isFinite refuses undefined too; this only narrows the type
    if (value === undefined) continue;
    if (Number.isFinite(value) && value >= 0) return value;
  }
  return DEFAULT_THRESHOLDS[field];
}

type ThresholdSubject = Pick<ReceivedHeartbeat, 'sessionKey' | 'state' | 'toolName' | 'model'>;

/** The thresholds that apply to one heartbeat under `config`. */
export function resolveThresholds(
  config: ThresholdConfig | undefined,
  heartbeat: ThresholdSubject,
): HealthThresholds {
  if (config === undefined) return DEFAULT_THRESHOLDS;
  const layers = [
    own(config.bySession, heartbeat.sessionKey),
    matchPattern(config.byTool, heartbeat.toolName),
    matchPattern(config.byModel, heartbeat.model),
    own(config.byState, heartbeat.state),
    config,
  ];
  return {
    stallAfterMs: pick('stallAfterMs', layers),
    unresponsiveAfterMs: pick('unresponsiveAfterMs', layers),
    loopAfterRepeats: pick('loopAfterRepeats', layers),
    turnMaxMs: pick('turnMaxMs', layers),
  };
}

/** `config.adaptive` with its defaults, or `undefined` when adaptive mode is off. */
export function resolveAdaptive(
  config: ThresholdConfig | undefined,
): Required<AdaptiveThresholds> | undefined {
  const adaptive = config?.adaptive;
  if (adaptive === undefined || adaptive === false) return undefined;
  const options = adaptive === true ? {} : adaptive;
  return {
    factor: Math.max(1, options.factor ?? 1.5),
    minSamples: Math.max(1, Math.floor(options.minSamples ?? 20)),
  };
}
