import type { ThresholdConfig } from '@session-heartbeat/core';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  mergeThresholds,
  toThresholdConfig,
  withServerThresholds,
} from './dashboard-settings';

const SERVER: ThresholdConfig = {
  stallAfterMs: 45_000,
  unresponsiveAfterMs: 20_000,
  loopAfterRepeats: 5,
  turnMaxMs: 900_000,
  byTool: {
    exec: { stallAfterMs: 120_000, loopAfterRepeats: 8 },
    browser: { turnMaxMs: 1_800_000 },
  },
  byModel: { 'ollama/*': { stallAfterMs: 180_000 } },
  bySession: { 'agent:build:main': { stallAfterMs: 600_000 } },
};

describe('the settings dialog over a server’s thresholds', () => {
  it('shows the limits the server classifies with, in seconds', () => {
    const shown = withServerThresholds({ ...DEFAULT_SETTINGS, theme: 'dark' }, SERVER);
    expect(shown).toMatchObject({
      stallAfterSeconds: 45,
      unresponsiveAfterSeconds: 20,
      byTool: [{ pattern: 'exec', stallAfterSeconds: 120 }],
      byModel: [{ pattern: 'ollama/*', stallAfterSeconds: 180 }],
      theme: 'dark',
    });
  });

  it('saves what the dialog edits and keeps what it does not show', () => {
    const shown = withServerThresholds(DEFAULT_SETTINGS, SERVER);
    const edited = {
      ...shown,
      stallAfterSeconds: 60,
      byTool: [
        { pattern: 'exec', stallAfterSeconds: 300 },
        { pattern: 'read', stallAfterSeconds: 10 },
      ],
      byModel: [],
    };
    expect(mergeThresholds(SERVER, edited)).toEqual({
      stallAfterMs: 60_000,
      unresponsiveAfterMs: 20_000,
      loopAfterRepeats: 5,
      turnMaxMs: 900_000,
      byTool: {
        // The loop limit the dialog never showed stays with its rule.
        exec: { stallAfterMs: 300_000, loopAfterRepeats: 8 },
        browser: { turnMaxMs: 1_800_000 },
        read: { stallAfterMs: 10_000 },
      },
      // The ollama rule was removed in the dialog.
      bySession: { 'agent:build:main': { stallAfterMs: 600_000 } },
    });
  });

  it('saves the server’s own thresholds unchanged when nothing was edited', () => {
    const shown = withServerThresholds(DEFAULT_SETTINGS, SERVER);
    expect(mergeThresholds(SERVER, shown)).toEqual(SERVER);
    expect(toThresholdConfig(shown).byModel).toEqual(SERVER.byModel);
  });
});
