import type { SessionAction, ThresholdConfig } from '@session-heartbeat/core';
import type { EmitterTimers } from '@session-heartbeat/emitter';

export const SCENARIO_NAMES = ['demo', 'load', 'quiet', 'openclaw'] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

export interface ScenarioOptions {
  /** Same seed, same clock: same sequence of heartbeats. @default 1 */
  seed?: number;
  /** `load` only: how many sessions (up to 100,000). @default 1000 */
  sessions?: number;
  /** `load` only: transitions per second, all sessions together. @default 100 */
  rate?: number;
  /** The clock; pass the emitter's so that both agree. @default Date.now */
  now?: () => number;
  /** The timers; a scenario arms one at a time. @default globalThis */
  timers?: EmitterTimers;
}

/**
 * The actions a scenario's sessions answer (`GET /api/sessions/actions`):
 * every one, except in `openclaw`, which offers what the gateway can do
 * (abort is its `chat.abort`; restart is the mock's own, as in v1).
 */
export function scenarioActions(name: ScenarioName): readonly SessionAction[] {
  return name === 'openclaw' ? ['abort', 'restart'] : ['nudge', 'abort', 'restart'];
}

/** A scenario driving an emitter's sessions. */
export interface RunningScenario {
  readonly name: ScenarioName;
  /**
   * The mock host's answer to an action (the emitter's `onAction`): nudge
   * makes a working session report, abort ends its turn (`complete`),
   * restart brings it back idle. A crashed session answers only restart.
   */
  act(sessionKey: string, action: SessionAction): void;
  /**
   * Runs at once what its scripts owe by `now()`, after the clock was moved
   * on (`POST /api/mock/clock`): a test run that reports every second then
   * reports at the new time, instead of a real second late.
   */
  catchUp(): void;
  /** Stops auto-driving one session for good (e.g. the control API took it over). */
  release(sessionKey: string): void;
  /** Whether the scenario still drives this session. */
  isDriving(sessionKey: string): boolean;
  /** Stops driving everything and clears its timer; the sessions stay. */
  stop(): void;
}

export const MAX_LOAD_SESSIONS = 100_000;

/**
 * The tools the scenarios run: the mock server declares them to its health
 * monitor, so they become `tool` labels of the state-duration histogram.
 */
export const SCENARIO_TOOLS = ['exec', 'web_search', 'browser', 'read', 'edit'] as const;

/**
 * The thresholds the mock server starts with (and `controlApi().reset()`
 * restores): core's defaults, minutes for a local model's first token,
 * which is slow, not stalled, and a 2-minute turn (the demo's turns are
 * short, so an overdue one shows without a long wait). Dashboards read them
 * from `GET /api/sessions/thresholds`, so they and `/metrics` agree.
 */
export const MOCK_THRESHOLDS: ThresholdConfig = Object.freeze({
  turnMaxMs: 120_000,
  byModel: { 'ollama/*': { stallAfterMs: 180_000 } },
});
