import {
  DEFAULT_THRESHOLDS,
  type ThresholdConfig,
  type ThresholdOverride,
} from '@session-heartbeat/core';
import type { TransportMode } from '@session-heartbeat/react';

/** How the dashboard reaches the server, in the words the settings use. */
export type TransportChoice = 'auto' | 'push' | 'poll';

/** The colour theme; `system` follows `prefers-color-scheme`. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** One per-tool or per-model override, in whole seconds. */
export interface ThresholdRule {
  /** A tool or model name, or a prefix ending in `*` (`ollama/*`). */
  pattern: string;
  stallAfterSeconds?: number;
  unresponsiveAfterSeconds?: number;
}

/** Everything the settings dialog edits; kept in `localStorage` (the token is not). */
export interface DashboardSettings {
  stallAfterSeconds: number;
  unresponsiveAfterSeconds: number;
  /** A turn running longer than this, still working, is stalled (`turn_overdue`). */
  turnMaxSeconds: number;
  /** The same tool with the same input this many times in a row is a loop (`tool_loop`). */
  loopAfterRepeats: number;
  byTool: ThresholdRule[];
  byModel: ThresholdRule[];
  transport: TransportChoice;
  theme: ThemeChoice;
  /** Browser notifications and a count in the page title for stalled or unresponsive sessions. */
  alerts: boolean;
}

export const DEFAULT_SETTINGS: Readonly<DashboardSettings> = Object.freeze({
  stallAfterSeconds: 30,
  unresponsiveAfterSeconds: 15,
  // The demo's turns are short: two minutes shows an overdue turn without a long wait.
  turnMaxSeconds: 120,
  loopAfterRepeats: 5,
  byTool: [],
  // Local models take minutes to the first token: that is not a stall.
  byModel: [{ pattern: 'ollama/*', stallAfterSeconds: 180 }],
  transport: 'auto',
  theme: 'system',
  alerts: false,
});

export const TRANSPORT_MODES: Readonly<Record<TransportChoice, TransportMode>> = {
  auto: 'auto',
  push: 'websocket',
  poll: 'polling',
};

function override(rule: ThresholdRule): ThresholdOverride {
  const result: ThresholdOverride = {};
  if (rule.stallAfterSeconds !== undefined) result.stallAfterMs = rule.stallAfterSeconds * 1000;
  if (rule.unresponsiveAfterSeconds !== undefined) {
    result.unresponsiveAfterMs = rule.unresponsiveAfterSeconds * 1000;
  }
  return result;
}

function table(rules: readonly ThresholdRule[]): Record<string, ThresholdOverride> | undefined {
  if (rules.length === 0) return undefined;
  return Object.fromEntries(rules.map((rule) => [rule.pattern, override(rule)]));
}

/** The client's `ThresholdConfig` for these settings (seconds become ms). */
export function toThresholdConfig(settings: DashboardSettings): ThresholdConfig {
  const config: ThresholdConfig = {
    stallAfterMs: settings.stallAfterSeconds * 1000,
    unresponsiveAfterMs: settings.unresponsiveAfterSeconds * 1000,
    turnMaxMs: settings.turnMaxSeconds * 1000,
    loopAfterRepeats: settings.loopAfterRepeats,
  };
  const byTool = table(settings.byTool);
  const byModel = table(settings.byModel);
  if (byTool !== undefined) config.byTool = byTool;
  if (byModel !== undefined) config.byModel = byModel;
  return config;
}

type RuleTable = Record<string, ThresholdOverride>;

/** The rules the dialog shows: those with a stall or silence limit, in seconds. */
function rulesOf(rules: RuleTable | undefined): ThresholdRule[] {
  const result: ThresholdRule[] = [];
  for (const [pattern, limits] of Object.entries(rules ?? {})) {
    const rule: ThresholdRule = { pattern };
    if (limits.stallAfterMs !== undefined) rule.stallAfterSeconds = limits.stallAfterMs / 1000;
    if (limits.unresponsiveAfterMs !== undefined) {
      rule.unresponsiveAfterSeconds = limits.unresponsiveAfterMs / 1000;
    }
    if (rule.stallAfterSeconds !== undefined || rule.unresponsiveAfterSeconds !== undefined) {
      result.push(rule);
    }
  }
  return result;
}

/** The settings with the thresholds a server serves in place of the saved ones (what the dialog edits then). */
export function withServerThresholds(
  settings: DashboardSettings,
  config: ThresholdConfig,
): DashboardSettings {
  return {
    ...settings,
    stallAfterSeconds: (config.stallAfterMs ?? DEFAULT_THRESHOLDS.stallAfterMs) / 1000,
    unresponsiveAfterSeconds:
      (config.unresponsiveAfterMs ?? DEFAULT_THRESHOLDS.unresponsiveAfterMs) / 1000,
    turnMaxSeconds: (config.turnMaxMs ?? DEFAULT_THRESHOLDS.turnMaxMs) / 1000,
    loopAfterRepeats: config.loopAfterRepeats ?? DEFAULT_THRESHOLDS.loopAfterRepeats,
    byTool: rulesOf(config.byTool),
    byModel: rulesOf(config.byModel),
  };
}

/** A table's rules as the dialog left them, with what it does not show (loop, turn limits) kept. */
function mergeTable(
  server: RuleTable | undefined,
  edited: RuleTable | undefined,
): RuleTable | undefined {
  const result: RuleTable = {};
  for (const [pattern, limits] of Object.entries(server ?? {})) {
    const { stallAfterMs, unresponsiveAfterMs, ...hidden } = limits;
    // A rule the dialog showed and the user removed goes; one it never showed stays.
    const shown = stallAfterMs !== undefined || unresponsiveAfterMs !== undefined;
    const kept = edited?.[pattern];
    if (kept !== undefined) result[pattern] = { ...hidden, ...kept };
    else if (!shown) result[pattern] = hidden;
  }
  for (const [pattern, limits] of Object.entries(edited ?? {})) result[pattern] ??= limits;
  return Object.keys(result).length === 0 ? undefined : result;
}

/** The server's thresholds with what the dialog edits replaced by `settings`, and the rest kept. */
export function mergeThresholds(
  server: ThresholdConfig,
  settings: DashboardSettings,
): ThresholdConfig {
  const edited = toThresholdConfig(settings);
  const merged: ThresholdConfig = {
    ...server,
    stallAfterMs: edited.stallAfterMs,
    unresponsiveAfterMs: edited.unresponsiveAfterMs,
    turnMaxMs: edited.turnMaxMs,
    loopAfterRepeats: edited.loopAfterRepeats,
  };
  delete merged.byTool;
  delete merged.byModel;
  const byTool = mergeTable(server.byTool, edited.byTool);
  const byModel = mergeTable(server.byModel, edited.byModel);
  if (byTool !== undefined) merged.byTool = byTool;
  if (byModel !== undefined) merged.byModel = byModel;
  return merged;
}
