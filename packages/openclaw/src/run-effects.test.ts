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
    for (const stream of [
      'error',
      'plan',
      'command_output',
      'patch',
      'compaction',
      'usage',
      'notice',
    ]) {
      expect(agentEventEffect(agent(stream))).toEqual({ kind: 'none' });
    }
    for (const phase of ['update', 'input_delta', 'review']) {
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
      expect(agentEventEffect(agent('item', { itemId: 'i1', status }))).toEqual({
        kind: 'unblocked',
        by: 'item',
        blockId: 'i1',
      });
    }
    // Without an item id, the tool call names the block, then a fixed name.
    expect(agentEventEffect(agent('item', { status: 'running', toolCallId: 'c1' }))).toMatchObject({
      blockId: 'c1',
    });
    expect(agentEventEffect(agent('item', { status: 'running' }))).toMatchObject({
      blockId: 'item',
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
