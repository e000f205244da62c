import {
  DEFAULT_SETTINGS,
  type DashboardSettings,
  type ThemeChoice,
  type ThresholdRule,
  type TransportChoice,
} from './dashboard-settings';
import { MAX_REPEATS, MAX_SECONDS, MIN_REPEATS } from './validate-settings';

const SETTINGS_KEY = 'session-heartbeat.settings.v1';
const SERVER_URL_KEY = 'session-heartbeat.server-url';
/** In `sessionStorage`: gone with the tab, never in a URL. */
const TOKEN_KEY = 'session-heartbeat.token';

type Stored = Record<string, unknown>;

function read(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    // Storage can be disabled (privacy settings, sandboxed frames): defaults then.
    return null;
  }
}

function write(storage: Storage | undefined, key: string, value: string): void {
  try {
    if (value === '') storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Full or disabled storage: the settings still apply to this page.
  }
}

function local(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

function session(): Storage | undefined {
  return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
}

function seconds(value: unknown, min: number): number | undefined {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= min &&
    value <= MAX_SECONDS
    ? value
    : undefined;
}

function repeats(value: unknown): number | undefined {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_REPEATS &&
    value <= MAX_REPEATS
    ? value
    : undefined;
}

function rules(value: unknown): ThresholdRule[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const result: ThresholdRule[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { pattern, stallAfterSeconds, unresponsiveAfterSeconds } = item as Stored;
    if (typeof pattern !== 'string' || pattern.trim() === '') continue;
    const rule: ThresholdRule = { pattern: pattern.trim() };
    const stall = seconds(stallAfterSeconds, 1);
    const silent = seconds(unresponsiveAfterSeconds, 1);
    if (stall !== undefined) rule.stallAfterSeconds = stall;
    if (silent !== undefined) rule.unresponsiveAfterSeconds = silent;
    if (stall !== undefined || silent !== undefined) result.push(rule);
  }
  return result;
}

function oneOf<T extends string>(value: unknown, choices: readonly T[]): T | undefined {
  return choices.find((choice) => choice === value);
}

/**
 * The saved settings, field by field: anything missing or malformed (an old
 * version, a hand edit) falls back to its default instead of failing.
 */
export function loadSettings(): DashboardSettings {
  let stored: Stored = {};
  try {
    const parsed: unknown = JSON.parse(read(local(), SETTINGS_KEY) ?? '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      stored = parsed as Stored;
    }
  } catch {
    // Not JSON: defaults.
  }
  return {
    stallAfterSeconds: seconds(stored.stallAfterSeconds, 1) ?? DEFAULT_SETTINGS.stallAfterSeconds,
    unresponsiveAfterSeconds:
      seconds(stored.unresponsiveAfterSeconds, 1) ?? DEFAULT_SETTINGS.unresponsiveAfterSeconds,
    turnMaxSeconds: seconds(stored.turnMaxSeconds, 1) ?? DEFAULT_SETTINGS.turnMaxSeconds,
    loopAfterRepeats: repeats(stored.loopAfterRepeats) ?? DEFAULT_SETTINGS.loopAfterRepeats,
    byTool: rules(stored.byTool) ?? DEFAULT_SETTINGS.byTool,
    byModel: rules(stored.byModel) ?? DEFAULT_SETTINGS.byModel,
    transport:
      oneOf<TransportChoice>(stored.transport, ['auto', 'push', 'poll']) ??
      DEFAULT_SETTINGS.transport,
    theme: oneOf<ThemeChoice>(stored.theme, ['system', 'light', 'dark']) ?? DEFAULT_SETTINGS.theme,
    alerts: typeof stored.alerts === 'boolean' ? stored.alerts : DEFAULT_SETTINGS.alerts,
  };
}

export function saveSettings(settings: DashboardSettings): void {
  write(local(), SETTINGS_KEY, JSON.stringify(settings));
}

/** The server the dashboard talks to; `''` means this page's own origin. */
export function loadServerUrl(): string {
  return read(local(), SERVER_URL_KEY) ?? '';
}

export function saveServerUrl(url: string): void {
  write(local(), SERVER_URL_KEY, url);
}

/** The API token, from `sessionStorage` only. */
export function loadToken(): string {
  return read(session(), TOKEN_KEY) ?? '';
}

export function saveToken(token: string): void {
  write(session(), TOKEN_KEY, token);
}
