import { describe, expect, it } from 'vitest';
import { makeReceivedHeartbeat } from '../test-utils';
import {
  DEFAULT_THRESHOLDS,
  matchPattern,
  resolveThresholds,
  type ThresholdConfig,
} from './resolve-thresholds';

const heartbeat = makeReceivedHeartbeat({
  sessionKey: 'agent:ops:telegram:direct:4711',
  state: 'tool_exec',
  toolName: 'browser',
  model: 'ollama/qwen3:32b',
});

const everyLayer: ThresholdConfig = {
  stallAfterMs: 1_000,
  unresponsiveAfterMs: 2_000,
  byState: { tool_exec: { stallAfterMs: 3_000 } },
  byModel: { 'ollama/*': { stallAfterMs: 4_000 } },
  byTool: { browser: { stallAfterMs: 5_000 } },
  bySession: { 'agent:ops:telegram:direct:4711': { stallAfterMs: 6_000 } },
};

describe('resolveThresholds', () => {
  it('gives the defaults with no config', () => {
    expect(resolveThresholds(undefined, heartbeat)).toEqual({
      stallAfterMs: 30_000,
      unresponsiveAfterMs: 15_000,
      loopAfterRepeats: 5,
      turnMaxMs: 900_000,
    });
    expect(DEFAULT_THRESHOLDS).toEqual({
      stallAfterMs: 30_000,
      unresponsiveAfterMs: 15_000,
      loopAfterRepeats: 5,
      turnMaxMs: 900_000,
    });
  });

  it('lets the most specific layer win: session › tool › model › state › global', () => {
    expect(resolveThresholds(everyLayer, heartbeat).stallAfterMs).toBe(6_000);
    const { bySession: _session, ...noSession } = everyLayer;
    expect(resolveThresholds(noSession, heartbeat).stallAfterMs).toBe(5_000);
    const { byTool: _tool, ...noTool } = noSession;
    expect(resolveThresholds(noTool, heartbeat).stallAfterMs).toBe(4_000);
    const { byModel: _model, ...noModel } = noTool;
    expect(resolveThresholds(noModel, heartbeat).stallAfterMs).toBe(3_000);
    const { byState: _state, ...globalOnly } = noModel;
    expect(resolveThresholds(globalOnly, heartbeat).stallAfterMs).toBe(1_000);
  });

  it('resolves each field on its own', () => {
    // The session overrides only the stall: the silence limit falls through to the global one.
    expect(resolveThresholds(everyLayer, heartbeat)).toEqual({
      stallAfterMs: 6_000,
      unresponsiveAfterMs: 2_000,
      loopAfterRepeats: 5,
      turnMaxMs: 900_000,
    });
  });

  it('applies a per-state override only in that state', () => {
    const config: ThresholdConfig = { byState: { awaiting_model: { stallAfterMs: 90_000 } } };
    expect(resolveThresholds(config, { ...heartbeat, state: 'awaiting_model' }).stallAfterMs).toBe(
      90_000,
    );
    expect(resolveThresholds(config, heartbeat).stallAfterMs).toBe(30_000);
  });

  it('ignores negative and non-finite values', () => {
    const config: ThresholdConfig = { stallAfterMs: -5, unresponsiveAfterMs: Number.NaN };
    expect(resolveThresholds(config, heartbeat)).toEqual(DEFAULT_THRESHOLDS);
  });

  it('honours a zero limit (flag at once) and ignores an infinite one', () => {
    const config: ThresholdConfig = { stallAfterMs: 0, unresponsiveAfterMs: Infinity };
    expect(resolveThresholds(config, heartbeat)).toEqual({
      stallAfterMs: 0,
      unresponsiveAfterMs: 15_000,
      loopAfterRepeats: 5,
      turnMaxMs: 900_000,
    });
  });

  it('never reads inherited properties as overrides', () => {
    const config: ThresholdConfig = { bySession: {} };
    const sneaky = { ...heartbeat, sessionKey: 'constructor', toolName: '__proto__' };
    expect(resolveThresholds(config, sneaky)).toEqual(DEFAULT_THRESHOLDS);
  });
});

describe('matchPattern', () => {
  const table = {
    'ollama/*': 'local',
    'ollama/qwen3*': 'qwen',
    'openai/gpt-5': 'exact',
    '*': 'any',
  };

  it('prefers an exact match', () => {
    expect(matchPattern(table, 'openai/gpt-5')).toBe('exact');
  });

  it('takes the longest matching prefix', () => {
    expect(matchPattern(table, 'ollama/qwen3:32b')).toBe('qwen');
    expect(matchPattern(table, 'ollama/llama3')).toBe('local');
    expect(matchPattern(table, 'anthropic/claude-sonnet-4-5')).toBe('any');
  });

  it('an exact key is never a prefix of a longer name', () => {
    expect(matchPattern({ 'openai/gpt-5': 'exact' }, 'openai/gpt-5-mini')).toBeUndefined();
    expect(matchPattern({ read: 'exact' }, 'rea')).toBeUndefined();
  });

  it('matches nothing for a missing name or table', () => {
    expect(matchPattern(table, undefined)).toBeUndefined();
    expect(matchPattern(undefined, 'x')).toBeUndefined();
    expect(matchPattern({ 'openai/*': 1 }, 'anthropic/x')).toBeUndefined();
  });
});
