import { describe, expect, it } from 'vitest';
import type { AgentEventInput, ChatEventInput } from './read-gateway-payloads';
import { agentEventEffect, chatEventEffect } from './run-effects';

function agent(stream: string, data: AgentEventInput['data'] = {}): AgentEventInput {
  return { runId: 'run-1', seq: 1, stream, ts: 1000, data, sessionKey: 'agent:main:main' };
}

function chat(state: string, phase?: string): ChatEventInput {
  return { runId: 'run-1', seq: 1, state, phase, sessionKey: 'agent:main:main', at: 2000 };
}

describe('agentEventEffect: what each agent event means for its run', () => {
  it('startup phases before the first token mean the model is being reached; others mean nothing', () => {
    for (const phase of [
      'preparing_workspace',
      'provisioning_environment',
      'preparing_context',
      'starting_model',
      'retrying',
    ]) {
      expect(agentEventEffect(agent('run_status', { phase }))).toEqual({ kind: 'startup' });
      expect(chatEventEffect(chat('status', phase))).toEqual({ kind: 'startup' });
    }
    expect(agentEventEffect(agent('run_status', { phase: 'running' }))).toEqual({ kind: 'none' });
    expect(agentEventEffect(agent('run_status'))).toEqual({ kind: 'none' });
  });

  it('streams that say nothing about the state change nothing, and are no problem', () => {
    for (const stream of ['error', 'patch', 'usage', 'notice']) {
      expect(agentEventEffect(agent(stream))).toEqual({ kind: 'none' });
    }
    for (const phase of ['input_delta', 'review']) {
      expect(agentEventEffect(agent('tool', { phase, toolCallId: 'c1' }))).toEqual({
        kind: 'none',
      });
    }
    expect(agentEventEffect(agent('hologram'))).toEqual({ kind: 'unknown_stream' });
  });

  it('an unknown phase is a problem that names the stream and the phase', () => {
    expect(agentEventEffect(agent('lifecycle', { phase: 'pausing' }))).toEqual({
      kind: 'unknown_phase',
      detail: 'lifecycle phase "pausing"',
    });
    expect(agentEventEffect(agent('tool'))).toEqual({
      kind: 'unknown_phase',
      detail: 'tool phase null',
    });
    expect(agentEventEffect(agent('approval', { phase: 'expired', approvalId: 'a1' }))).toEqual({
      kind: 'unknown_phase',
      detail: 'approval phase "expired"',
    });
    expect(agentEventEffect(agent('item', { itemId: 'i1', status: 'paused' }))).toEqual({
      kind: 'unknown_phase',
      detail: 'item status "paused"',
    });
    expect(agentEventEffect(agent('item', { itemId: 'i1' }))).toEqual({
      kind: 'unknown_phase',
      detail: 'item status null',
    });
  });

  it('an item the gateway reports blocked waits on a person until it runs, completes or fails', () => {
    expect(
      agentEventEffect(
        agent('item', { itemId: 'i1', status: 'blocked', name: 'exec', toolCallId: 'c1' }),
      ),
    ).toEqual({ kind: 'blocked', by: 'item', blockId: 'i1', toolCallId: 'c1', toolName: 'exec' });
    for (const status of ['running', 'completed', 'failed']) {
      expect(agentEventEffect(agent('item', { itemId: 'i1', status, name: 'exec' }))).toEqual({
        kind: 'progress',
        activity: `exec: ${status}`,
        unblocks: 'i1',
      });
    }
    // Without an item id, the tool call names the block, then a fixed name.
    expect(agentEventEffect(agent('item', { status: 'running', toolCallId: 'c1' }))).toMatchObject({
      unblocks: 'c1',
    });
    expect(agentEventEffect(agent('item', { status: 'running' }))).toMatchObject({
      unblocks: 'item',
    });
  });

  it('progress: a tool update, command output, an item, a plan, a compaction — in words, never the output', () => {
    const secret = 'PASSWORD=hunter2';
    expect(
      agentEventEffect(
        agent('tool', { phase: 'update', name: 'exec', toolCallId: 'c1', partialResult: secret }),
      ),
    ).toEqual({ kind: 'progress', activity: 'exec: update' });
    expect(
      agentEventEffect(
        agent('command_output', { itemId: 'i1', phase: 'delta', name: 'exec', output: secret }),
      ),
    ).toEqual({ kind: 'progress', activity: 'exec: output' });
    expect(
      agentEventEffect(
        agent('command_output', { phase: 'end', output: secret, summary: 'npm test: 42/120' }),
      ),
    ).toEqual({ kind: 'progress', activity: 'npm test: 42/120' });
    expect(
      agentEventEffect(
        agent('item', {
          itemId: 'i2',
          phase: 'update',
          kind: 'command',
          name: 'exec',
          progressText: secret,
          title: `exec ${secret}`,
          summary: '  reading\n 3 files ',
        }),
      ),
    ).toEqual({ kind: 'progress', activity: 'reading 3 files', unblocks: 'i2' });
    // An item with no status yet, in a known phase, is progress too.
    expect(agentEventEffect(agent('item', { itemId: 'i3', phase: 'start', kind: 'tool' }))).toEqual(
      {
        kind: 'progress',
        activity: 'tool: start',
        unblocks: 'i3',
      },
    );
    expect(
      agentEventEffect(agent('plan', { phase: 'update', title: 'Plan updated', steps: [] })),
    ).toEqual({ kind: 'progress', activity: 'plan: update' });
    expect(agentEventEffect(agent('compaction', { phase: 'start', trigger: 'auto' }))).toEqual({
      kind: 'progress',
      activity: 'compaction: start',
    });
  });

  it('a tool start is fingerprinted from its name and input, whatever its call id', () => {
    const start = (toolCallId: string, args: unknown) =>
      agentEventEffect(agent('tool', { phase: 'start', name: 'read', toolCallId, args }));
    const first = start('c1', { path: 'a.ts' });
    expect(first).toMatchObject({ kind: 'tool_start', toolName: 'read', toolCallId: 'c1' });
    const fingerprint = first.kind === 'tool_start' ? first.fingerprint : undefined;
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(start('c2', { path: 'a.ts' })).toMatchObject({ fingerprint });
    expect(start('c3', { path: 'b.ts' })).not.toMatchObject({ fingerprint });
    // Without a tool name nothing is counted.
    expect(agentEventEffect(agent('tool', { phase: 'start', toolCallId: 'c4' }))).toMatchObject({
      fingerprint: undefined,
    });
  });

  it('an approval is named by its id, else its tool call, else its item', () => {
    expect(agentEventEffect(agent('approval', { phase: 'resolved', itemId: 'i1' }))).toEqual({
      kind: 'unblocked',
      by: 'approval',
      blockId: 'i1',
    });
    expect(agentEventEffect(agent('approval', { phase: 'resolved' }))).toMatchObject({
      blockId: 'approval',
    });
  });

  it('lifecycle end and error end the run with their own outcome', () => {
    expect(agentEventEffect(agent('lifecycle', { phase: 'end' }))).toEqual({
      kind: 'end',
      outcome: 'end',
    });
    expect(agentEventEffect(agent('lifecycle', { phase: 'error' }))).toEqual({
      kind: 'end',
      outcome: 'lifecycle_error',
    });
  });
});

describe('chatEventEffect: what each chat event means for its run', () => {
  it('final, aborted and error end the run, each with its own outcome', () => {
    expect(chatEventEffect(chat('final'))).toEqual({ kind: 'end', outcome: 'final' });
    expect(chatEventEffect(chat('aborted'))).toEqual({ kind: 'end', outcome: 'aborted' });
    expect(chatEventEffect(chat('error'))).toEqual({ kind: 'end', outcome: 'chat_error' });
    expect(chatEventEffect(chat('delta'))).toEqual({ kind: 'token', at: 2000 });
  });

  it('an unknown status phase or state is a problem that names it', () => {
    expect(chatEventEffect(chat('status', 'warming_up'))).toEqual({
      kind: 'unknown_phase',
      detail: 'chat status phase "warming_up"',
    });
    expect(chatEventEffect(chat('status'))).toEqual({
      kind: 'unknown_phase',
      detail: 'chat status phase null',
    });
    expect(chatEventEffect(chat('mystery'))).toEqual({
      kind: 'unknown_phase',
      detail: 'chat state "mystery"',
    });
  });
});
