import { describe, expect, it } from 'vitest';
import { makeHeartbeat, T0 } from '../test-utils';
import { parseHeartbeat } from './parse-heartbeat';

const working = makeHeartbeat({ state: 'tool_exec', toolName: 'exec', turnId: 'run-1' });

describe('parseHeartbeat: the v1.1 fields', () => {
  it('reads progress, activity, repeats and the label', () => {
    const v11 = {
      ...working,
      lastProgressAt: T0 + 3000,
      activity: 'npm test: 42/120',
      toolRepeat: 2,
      turnToolCalls: 7,
      label: 'Ops Child',
    };
    expect(parseHeartbeat(v11)).toEqual({ ok: true, value: v11, problems: [] });
  });

  it('reads a v1 heartbeat as it is, and null v1.1 fields as absent', () => {
    expect(parseHeartbeat(working)).toEqual({ ok: true, value: working, problems: [] });
    const nulls = {
      ...working,
      lastProgressAt: null,
      activity: null,
      toolRepeat: null,
      label: null,
    };
    expect(parseHeartbeat(nulls)).toEqual({ ok: true, value: working, problems: [] });
  });

  it('cuts an activity or a label longer than 200 characters instead of dropping the session', () => {
    const read = parseHeartbeat({ ...working, activity: 'x'.repeat(5000), label: 'y'.repeat(201) });
    expect(read.ok && read.value.activity).toBe('x'.repeat(200));
    expect(read.ok && read.value.label).toBe('y'.repeat(200));
  });

  it('refuses a wrong type with the field named', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ activity: 42 }, 'activity must be a string, got 42'],
      [{ label: ['x'] }, 'label must be a string, got an array'],
      [{ lastProgressAt: 'soon' }, 'lastProgressAt must be a number, got "soon"'],
      [{ toolRepeat: 0 }, 'toolRepeat must be an integer ≥ 1, got 0'],
      [{ toolRepeat: 1.5 }, 'toolRepeat must be an integer ≥ 1, got 1.5'],
      [{ turnToolCalls: -1 }, 'turnToolCalls must be an integer ≥ 0, got -1'],
    ];
    for (const [fields, error] of cases) {
      expect(parseHeartbeat({ ...working, ...fields })).toEqual({
        ok: false,
        error: `heartbeat "agent:main:main": ${error}`,
      });
    }
  });
});
