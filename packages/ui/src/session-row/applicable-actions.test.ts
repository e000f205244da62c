import { describe, expect, it } from 'vitest';
import { applicableActions } from './applicable-actions';

const ALL = ['nudge', 'abort', 'restart'] as const;

describe('applicableActions', () => {
  it('offers the whole ladder to a stalled turn', () => {
    expect(applicableActions(ALL, 'tool_exec', 'stalled')).toEqual(['nudge', 'abort', 'restart']);
  });

  it('offers only abort to a healthy turn: no restart, nothing to resume', () => {
    expect(applicableActions(ALL, 'streaming', 'active')).toEqual(['abort']);
    expect(applicableActions(ALL, 'tool_wait', 'waiting')).toEqual(['abort']);
  });

  it('offers nothing to an idle or complete session that beats', () => {
    expect(applicableActions(ALL, 'idle', 'idle')).toEqual([]);
    expect(applicableActions(ALL, 'complete', 'idle')).toEqual([]);
  });

  it('offers only restart to a session that stopped beating', () => {
    expect(applicableActions(ALL, 'streaming', 'unresponsive')).toEqual(['restart']);
    expect(applicableActions(ALL, 'idle', 'unresponsive')).toEqual(['restart']);
  });

  it('keeps to what the server supports, in its order', () => {
    expect(applicableActions(['restart'], 'tool_exec', 'stalled')).toEqual(['restart']);
    expect(applicableActions(['abort', 'restart'], 'tool_exec', 'active')).toEqual(['abort']);
  });

  it('while the client cannot hear the server, goes by the last state it heard', () => {
    expect(applicableActions(ALL, 'tool_exec', 'unknown')).toEqual(['abort']);
    expect(applicableActions(ALL, undefined, 'unknown')).toEqual([]);
  });
});
