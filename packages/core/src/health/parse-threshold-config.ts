import {
  describe,
  failed,
  isObject,
  isTime,
  parsed,
  type ParseResult,
} from '../protocol/parse-heartbeat';
import { isSessionState, SESSION_KEY_MAX_LENGTH, type ThresholdsBody } from '../protocol/types';
import type {
  AdaptiveThresholds,
  HealthThresholds,
  ThresholdConfig,
  ThresholdOverride,
} from './resolve-thresholds';

/**
 * The longest time limit: the longest delay a timer can be armed for
 * (2³¹ − 1 ms, about 24.8 days). Beyond it Node fires at once instead.
 */
const MAX_LIMIT_MS = 2_147_483_647;
/** Most entries per override table: each heartbeat's lookup walks the prefix patterns. */
const MAX_RULES = 256;
const MAX_REPEATS = 10_000;

const LIMIT_FIELDS: readonly (keyof HealthThresholds)[] = [
  'stallAfterMs',
  'unresponsiveAfterMs',
  'loopAfterRepeats',
  'turnMaxMs',
];
const TABLE_FIELDS = ['byState', 'byTool', 'byModel', 'bySession'] as const;
type TableField = (typeof TABLE_FIELDS)[number];

/** `null` reads as absent, as in heartbeats: some JSON writers emit it for a missing optional. */
function absent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

function limitProblem(field: keyof HealthThresholds, value: unknown, at: string): string | null {
  const isInteger = typeof value === 'number' && Number.isSafeInteger(value);
  if (field === 'loopAfterRepeats') {
    // One would call every tool call a loop.
    return isInteger && value >= 2 && value <= MAX_REPEATS
      ? null
      : `${at} must be an integer from 2 to ${MAX_REPEATS}, got ${describe(value)}`;
  }
  return isInteger && value >= 1 && value <= MAX_LIMIT_MS
    ? null
    : `${at} must be a whole number of ms from 1 to ${MAX_LIMIT_MS}, got ${describe(value)}`;
}

/** The limits of an override; unknown fields are listed in `problems` and left out. */
function readOverride(
  input: Record<string, unknown>,
  path: string,
  problems: string[],
): ParseResult<ThresholdOverride> {
  const override: ThresholdOverride = {};
  for (const field of LIMIT_FIELDS) {
    const value = input[field];
    if (absent(value)) continue;
    const problem = limitProblem(field, value, `${path}${field}`);
    if (problem !== null) return failed(problem);
    override[field] = value as number;
  }
  return parsed(override, problems);
}

function readTable(
  field: TableField,
  input: unknown,
  problems: string[],
): ParseResult<Record<string, ThresholdOverride>> {
  if (!isObject(input)) return failed(`${field} must be an object, got ${describe(input)}`);
  const keys = Object.keys(input);
  if (keys.length > MAX_RULES) {
    return failed(`${field} has ${keys.length} entries; at most ${MAX_RULES} are allowed`);
  }
  const entries: [string, ThresholdOverride][] = [];
  for (const key of keys) {
    const at = `${field}[${JSON.stringify(key.slice(0, 40))}]`;
    if (key.length === 0 || key.length > SESSION_KEY_MAX_LENGTH) {
      return failed(`${field} keys must be 1–${SESSION_KEY_MAX_LENGTH} characters`);
    }
    if (field === 'byState' && !isSessionState(key)) {
      return failed(`${at}: byState keys must be session states, got ${JSON.stringify(key)}`);
    }
    const value = input[key];
    if (!isObject(value)) return failed(`${at} must be an object, got ${describe(value)}`);
    for (const name of Object.keys(value)) {
      if (!(LIMIT_FIELDS as readonly string[]).includes(name)) {
        problems.push(`${at}.${name} is not a threshold`);
      }
    }
    const override = readOverride(value, `${at}.`, problems);
    if (!override.ok) return override;
    entries.push([key, override.value]);
  }
  // fromEntries defines own properties: a key "__proto__" stays a key.
  return parsed(Object.fromEntries(entries), problems);
}

function readAdaptive(input: unknown): ParseResult<boolean | AdaptiveThresholds> {
  if (typeof input === 'boolean') return parsed(input);
  if (!isObject(input)) {
    return failed(`adaptive must be true, false or an object, got ${describe(input)}`);
  }
  const adaptive: AdaptiveThresholds = {};
  const { factor, minSamples } = input;
  if (!absent(factor)) {
    if (!isTime(factor) || factor < 1 || factor > 100) {
      return failed(`adaptive.factor must be a number from 1 to 100, got ${describe(factor)}`);
    }
    adaptive.factor = factor;
  }
  if (!absent(minSamples)) {
    if (typeof minSamples !== 'number' || !Number.isSafeInteger(minSamples)) {
      return failed(`adaptive.minSamples must be an integer, got ${describe(minSamples)}`);
    }
    if (minSamples < 1 || minSamples > MAX_REPEATS) {
      return failed(`adaptive.minSamples must be from 1 to ${MAX_REPEATS}, got ${minSamples}`);
    }
    adaptive.minSamples = minSamples;
  }
  return parsed(adaptive);
}

/**
 * Reads a `ThresholdConfig` (a `PUT /api/sessions/thresholds` body, or the
 * one a server serves). A wrong value fails with a message naming it
 * (`byTool["exec"].stallAfterMs must be …`); a field that is not a threshold
 * is left out and listed in `problems` (a server that stores the config
 * refuses those too: a typo must not be silently ignored).
 */
export function parseThresholdConfig(input: unknown): ParseResult<ThresholdConfig> {
  if (!isObject(input)) return failed(`thresholds must be a JSON object, got ${describe(input)}`);
  const problems: string[] = [];
  const known: readonly string[] = [...LIMIT_FIELDS, ...TABLE_FIELDS, 'adaptive'];
  for (const name of Object.keys(input)) {
    if (!known.includes(name)) problems.push(`${name} is not a threshold`);
  }
  const global = readOverride(input, '', problems);
  if (!global.ok) return global;
  const config: ThresholdConfig = { ...global.value };
  for (const field of TABLE_FIELDS) {
    const value = input[field];
    if (absent(value)) continue;
    const table = readTable(field, value, problems);
    if (!table.ok) return table;
    config[field] = table.value;
  }
  if (!absent(input.adaptive)) {
    const adaptive = readAdaptive(input.adaptive);
    if (!adaptive.ok) return adaptive;
    config.adaptive = adaptive.value;
  }
  return parsed(config, problems);
}

/** Reads the body of `GET` / `PUT /api/sessions/thresholds`. */
export function parseThresholdsBody(input: unknown): ParseResult<ThresholdsBody> {
  if (!isObject(input)) {
    return failed(`thresholds body must be a JSON object, got ${describe(input)}`);
  }
  const { serverTime, canChange } = input;
  if (!isTime(serverTime)) {
    return failed(`thresholds body: serverTime must be a number, got ${describe(serverTime)}`);
  }
  if (typeof canChange !== 'boolean') {
    return failed(`thresholds body: canChange must be a boolean, got ${describe(canChange)}`);
  }
  const thresholds = parseThresholdConfig(input.thresholds);
  if (!thresholds.ok) return failed(`thresholds body: ${thresholds.error}`);
  return parsed({ serverTime, canChange, thresholds: thresholds.value }, thresholds.problems);
}
