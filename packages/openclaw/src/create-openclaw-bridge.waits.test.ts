import { describe, expect, it } from 'vitest';
import { createGatewayRun } from './test-utils/create-gateway-run';
import { MAIN, setupBridge } from './test-utils/setup-bridge';

describe('createOpenClawBridge: several waits on a person at once', () => {
  it('two approvals pending on two tool calls, one resolved: still waiting on a person', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-w3', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.toolStart('exec', 'call-1', t.at(100)));
    t.bridge.agentEvent(run.toolStart('write', 'call-2', t.at(110)));
    t.bridge.agentEvent(run.approval('requested', 'appr-1', 'call-1', t.at(200)));
    t.bridge.agentEvent(run.approval('requested', 'appr-2', 'call-2', t.at(210)));
    t.bridge.agentEvent(run.approval('resolved', 'appr-1', 'call-1', t.at(30_000)));
    expect(t.last()).toMatchObject({ state: 'tool_wait', toolName: 'write' });
    t.bridge.agentEvent(run.approval('resolved', 'appr-2', 'call-2', t.at(40_000)));
    expect(t.transitions()).toEqual([
      'awaiting_model',
      'tool_exec:exec',
      'tool_exec:write',
      'tool_wait:exec',
      'tool_wait:write',
      'tool_exec:write',
    ]);
  });

  it('two approvals pending on one tool call, one resolved: still waiting on a person', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-w4', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.toolStart('exec', 'call-1', t.at(100)));
    // The first request expired unanswered; the gateway asks again for the same call.
    t.bridge.agentEvent(run.approval('requested', 'appr-1', 'call-1', t.at(200)));
    t.bridge.agentEvent(run.approval('requested', 'appr-2', 'call-1', t.at(60_000)));
    t.bridge.agentEvent(run.approval('resolved', 'appr-1', 'call-1', t.at(60_001)));
    expect(t.last()).toMatchObject({ state: 'tool_wait', toolName: 'exec' });
    t.bridge.agentEvent(run.approval('resolved', 'appr-2', 'call-1', t.at(70_000)));
    expect(t.transitions()).toEqual([
      'awaiting_model',
      'tool_exec:exec',
      'tool_wait:exec',
      'tool_exec:exec',
    ]);
  });

  it('an item blocked with no approval waits on a person, and resumes its tool when it runs', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-w6', MAIN);
    const item = (status: string, ms: number) =>
      run.agent('item', { itemId: 'cmd-1', status, name: 'exec', toolCallId: 'call-1' }, t.at(ms));
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.toolStart('exec', 'call-1', t.at(100)));
    t.bridge.agentEvent(item('blocked', 200));
    t.bridge.agentEvent(item('running', 9000));
    expect(t.transitions()).toEqual([
      'awaiting_model',
      'tool_exec:exec',
      'tool_wait:exec',
      'tool_exec:exec',
    ]);
  });
});
