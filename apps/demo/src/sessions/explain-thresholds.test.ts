import { describe, expect, it } from 'vitest';
import { describeSource, explainThresholds } from './explain-thresholds';

const exec = {
  sessionKey: 'agent:build:main',
  state: 'tool_exec' as const,
  toolName: 'exec',
  model: 'ollama/qwen3:32b',
};

describe('explainThresholds', () => {
  it('names the layer each limit comes from, most specific first', () => {
    const limits = explainThresholds(
      {
        stallAfterMs: 45_000,
        byTool: { 'ex*': { stallAfterMs: 60_000 }, exec: { stallAfterMs: 120_000 } },
        byModel: { 'ollama/*': { stallAfterMs: 180_000, unresponsiveAfterMs: 30_000 } },
      },
      exec,
    );
    expect(limits.stallAfterMs).toEqual({
      value: 120_000,
      source: { layer: 'tool', pattern: 'exec' },
    });
    expect(limits.unresponsiveAfterMs).toEqual({
      value: 30_000,
      source: { layer: 'model', pattern: 'ollama/*' },
    });
    expect(describeSource(limits.stallAfterMs.source)).toBe('per-tool rule exec');
  });

  it('falls back to the global setting, then the defaults', () => {
    const limits = explainThresholds({ stallAfterMs: 45_000 }, { ...exec, toolName: 'read' });
    expect(limits.stallAfterMs).toEqual({ value: 45_000, source: { layer: 'global' } });
    expect(limits.unresponsiveAfterMs).toEqual({ value: 15_000, source: { layer: 'default' } });
    expect(explainThresholds(undefined, exec).stallAfterMs.source).toEqual({ layer: 'default' });
  });
});
