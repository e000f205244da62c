import { describe, expect, it } from 'vitest';
import { T0 } from '../test-utils';
import { parseThresholdConfig, parseThresholdsBody } from './parse-threshold-config';
import { resolveThresholds, type ThresholdConfig } from './resolve-thresholds';

const everyField: ThresholdConfig = {
  stallAfterMs: 60_000,
  unresponsiveAfterMs: 20_000,
  loopAfterRepeats: 4,
  turnMaxMs: 120_000,
  byState: { awaiting_model: { stallAfterMs: 90_000 } },
  byTool: { exec: { stallAfterMs: 300_000, loopAfterRepeats: 8 }, 'browser_*': { turnMaxMs: 1 } },
  byModel: { 'ollama/*': { stallAfterMs: 180_000 } },
  bySession: { 'agent:main:main': { unresponsiveAfterMs: 30_000 } },
  adaptive: { factor: 2, minSamples: 10 },
};

describe('parseThresholdConfig', () => {
  it('reads every field of a config as it is', () => {
    expect(parseThresholdConfig(everyField)).toEqual({ ok: true, value: everyField, problems: [] });
    expect(parseThresholdConfig({})).toEqual({ ok: true, value: {}, problems: [] });
    expect(parseThresholdConfig({ adaptive: true })).toMatchObject({ value: { adaptive: true } });
  });

  it('leaves out what is not a threshold and says so (a typo must not pass unnoticed)', () => {
    expect(
      parseThresholdConfig({ stalAfterMs: 5, byTool: { exec: { stallAfterMs: 1000, max: 2 } } }),
    ).toEqual({
      ok: true,
      value: { byTool: { exec: { stallAfterMs: 1000 } } },
      problems: ['stalAfterMs is not a threshold', 'byTool["exec"].max is not a threshold'],
    });
  });

  it('reads null as absent', () => {
    expect(parseThresholdConfig({ stallAfterMs: null, byTool: null })).toEqual({
      ok: true,
      value: {},
      problems: [],
    });
  });

  it.each([
    ['a list', [], 'thresholds must be a JSON object, got an array'],
    [
      'a negative limit',
      { stallAfterMs: -1 },
      'stallAfterMs must be a whole number of ms from 1 to 2147483647, got -1',
    ],
    [
      'a limit in seconds with a fraction',
      { unresponsiveAfterMs: 1.5 },
      'unresponsiveAfterMs must be a whole number of ms from 1 to 2147483647, got 1.5',
    ],
    [
      'a limit longer than a timer can wait',
      { turnMaxMs: 2_147_483_648 },
      'turnMaxMs must be a whole number of ms from 1 to 2147483647, got 2147483648',
    ],
    [
      'a limit as a string',
      { stallAfterMs: '30000' },
      'stallAfterMs must be a whole number of ms from 1 to 2147483647, got "30000"',
    ],
    [
      'a loop of one call',
      { loopAfterRepeats: 1 },
      'loopAfterRepeats must be an integer from 2 to 10000, got 1',
    ],
    [
      'a wrong limit in a rule',
      { byModel: { 'ollama/*': { stallAfterMs: 0 } } },
      'byModel["ollama/*"].stallAfterMs must be a whole number of ms from 1 to 2147483647, got 0',
    ],
    [
      'a rule that is not an object',
      { byTool: { exec: 5 } },
      'byTool["exec"] must be an object, got 5',
    ],
    ['a table that is a list', { byTool: [] }, 'byTool must be an object, got an array'],
    [
      'a state that does not exist',
      { byState: { thinking: {} } },
      'byState["thinking"]: byState keys must be session states, got "thinking"',
    ],
    ['an empty key', { bySession: { '': {} } }, 'bySession keys must be 1–512 characters'],
    [
      'adaptive as a string',
      { adaptive: 'yes' },
      'adaptive must be true, false or an object, got "yes"',
    ],
    [
      'an adaptive factor below 1',
      { adaptive: { factor: 0.5 } },
      'adaptive.factor must be a number from 1 to 100, got 0.5',
    ],
    [
      'adaptive samples of none',
      { adaptive: { minSamples: 0 } },
      'adaptive.minSamples must be from 1 to 10000, got 0',
    ],
  ])('refuses %s with a message that names the field', (_name, input, error) => {
    expect(parseThresholdConfig(input)).toEqual({ ok: false, error });
  });

  it('refuses a table of more rules than a lookup should walk', () => {
    const byTool = Object.fromEntries(
      Array.from({ length: 257 }, (_, index) => [`tool-${index}`, {}]),
    );
    expect(parseThresholdConfig({ byTool })).toEqual({
      ok: false,
      error: 'byTool has 257 entries; at most 256 are allowed',
    });
  });

  it('keeps a key named __proto__ as a key, never as a prototype', () => {
    const read = parseThresholdConfig(JSON.parse('{"bySession":{"__proto__":{"stallAfterMs":7}}}'));
    expect(read.ok).toBe(true);
    const config = read.ok ? read.value : {};
    expect(Object.getPrototypeOf(config.bySession)).toBe(Object.prototype);
    expect(
      resolveThresholds(config, { sessionKey: '__proto__', state: 'tool_exec' }).stallAfterMs,
    ).toBe(7);
    expect(
      resolveThresholds(config, { sessionKey: 'other', state: 'tool_exec' }).stallAfterMs,
    ).toBe(30_000);
  });
});

describe('parseThresholdsBody', () => {
  it('reads what a server answers', () => {
    const body = { serverTime: T0, canChange: false, thresholds: everyField };
    expect(parseThresholdsBody(body)).toEqual({ ok: true, value: body, problems: [] });
  });

  it('refuses an answer without its parts', () => {
    expect(parseThresholdsBody({ serverTime: T0, thresholds: {} })).toEqual({
      ok: false,
      error: 'thresholds body: canChange must be a boolean, got nothing',
    });
    expect(parseThresholdsBody({ serverTime: T0, canChange: true, thresholds: 3 })).toEqual({
      ok: false,
      error: 'thresholds body: thresholds must be a JSON object, got 3',
    });
  });
});
