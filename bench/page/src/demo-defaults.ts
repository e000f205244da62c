import type { ThresholdConfig } from '@session-heartbeat/core';

/**
 * `toThresholdConfig(DEFAULT_SETTINGS)` of apps/demo/src/settings: the
 * thresholds the dashboard runs with until someone changes them.
 */
export const DEMO_THRESHOLDS: ThresholdConfig = {
  stallAfterMs: 30_000,
  unresponsiveAfterMs: 15_000,
  byModel: { 'ollama/*': { stallAfterMs: 180_000 } },
};

/** The demo's list height in a 1440 × 900 window (see bench-page.css). */
export const LIST_HEIGHT_PX = 717;
