import { resolveThresholds } from '@session-heartbeat/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, toThresholdConfig } from './dashboard-settings';
import { toDraft, validateSettings, type SettingsDraft } from './validate-settings';

function draft(patch: Partial<SettingsDraft> = {}): SettingsDraft {
  return { ...toDraft(DEFAULT_SETTINGS, '', ''), ...patch };
}

function rule(id: string, pattern: string, stallAfter = '', unresponsiveAfter = '') {
  return { id, pattern, stallAfter, unresponsiveAfter };
}

describe('validateSettings', () => {
  it('turns the defaults back into the defaults', () => {
    expect(validateSettings(draft(), 6)).toEqual({
      ok: true,
      settings: DEFAULT_SETTINGS,
      serverUrl: '',
      token: '',
    });
  });

  it('reads whole seconds, rules, a server URL (without its trailing slash) and a token', () => {
    const result = validateSettings(
      draft({
        stallAfter: ' 45 ',
        unresponsiveAfter: '20',
        byTool: [rule('a', 'exec', '120'), rule('b', 'browser_*', '', '60')],
        byModel: [],
        serverUrl: 'https://gateway.local:18789/',
        token: ' secret ',
        transport: 'poll',
      }),
      6,
    );
    expect(result).toEqual({
      ok: true,
      settings: {
        ...DEFAULT_SETTINGS,
        stallAfterSeconds: 45,
        unresponsiveAfterSeconds: 20,
        byTool: [
          { pattern: 'exec', stallAfterSeconds: 120 },
          { pattern: 'browser_*', unresponsiveAfterSeconds: 60 },
        ],
        byModel: [],
        transport: 'poll',
      },
      serverUrl: 'https://gateway.local:18789',
      token: 'secret',
    });
  });

  it('reports every problem at once, keyed by field, in words that say what to type', () => {
    const result = validateSettings(
      draft({
        stallAfter: '1.5',
        unresponsiveAfter: '3',
        turnMax: '',
        loopAfter: '1',
        byTool: [rule('a', 'exec', '10'), rule('b', 'exec', '20'), rule('c', 'ex*ec', '5')],
        byModel: [rule('d', 'ollama/*')],
        serverUrl: 'ftp://files.local',
        token: 'two words',
      }),
      6,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        stallAfter: 'Enter whole seconds, from 1 to 86400.',
        unresponsiveAfter: 'Enter whole seconds, from 6 to 86400.',
        turnMax: 'Enter a number of seconds.',
        loopAfter: 'Enter a whole number of calls, from 2 to 100.',
        'byTool.b.pattern': '“exec” is already in the list.',
        'byTool.c.pattern': 'Use * only at the end, e.g. browser_*.',
        'byModel.d.stallAfter': 'Set a stall limit, an unresponsive limit, or both.',
        serverUrl: 'Use an http:// or https:// address.',
        token: 'A token has no spaces.',
      },
    });
  });

  it('trims a server URL of 100,000 trailing-ish slashes in linear time (no regex backtracking)', () => {
    // A run of slashes followed by another character is the worst case of `/\/+$/`:
    // ≈ 3 s before; a linear trim takes well under a millisecond (a 10⁴ margin).
    const startedAt = performance.now();
    const result = validateSettings(
      draft({ serverUrl: `https://gateway.local/${'/'.repeat(100_000)}a` }),
      6,
    );
    expect(performance.now() - startedAt).toBeLessThan(250);
    expect(result.ok && result.serverUrl.endsWith('/a')).toBe(true);
    const trimmed = validateSettings(draft({ serverUrl: 'https://gateway.local/heartbeat///' }), 6);
    expect(trimmed.ok && trimmed.serverUrl).toBe('https://gateway.local/heartbeat');
  });

  it('keeps credentials out of the server URL', () => {
    const result = validateSettings(draft({ serverUrl: 'https://gateway.local/?token=abc' }), 6);
    expect(result.ok ? undefined : result.errors.serverUrl).toMatch(/put the token in the Token/);
  });
});

describe('toThresholdConfig', () => {
  it('gives the client milliseconds, and a slow local model its own stall limit', () => {
    const config = toThresholdConfig(DEFAULT_SETTINGS);
    expect(config).toEqual({
      stallAfterMs: 30_000,
      unresponsiveAfterMs: 15_000,
      turnMaxMs: 120_000,
      loopAfterRepeats: 5,
      byModel: { 'ollama/*': { stallAfterMs: 180_000 } },
    });
    const local = resolveThresholds(config, {
      sessionKey: 'agent:local:main',
      state: 'awaiting_model',
      model: 'ollama/qwen3:32b',
    });
    expect(local).toEqual({
      stallAfterMs: 180_000,
      unresponsiveAfterMs: 15_000,
      loopAfterRepeats: 5,
      turnMaxMs: 120_000,
    });
  });
});
