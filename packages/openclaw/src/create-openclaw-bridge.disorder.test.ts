import { describe, expect, it } from 'vitest';
import { createGatewayRun } from './test-utils/create-gateway-run';
import { MAIN, setupBridge } from './test-utils/setup-bridge';

describe('createOpenClawBridge: bad and disordered input', () => {
  it('ignores duplicates and out-of-order events by seq, and counts them', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-o1', MAIN);
    const start = run.lifecycle('start', t.at(0));
    const token = run.assistant('Hi', 'Hi', t.at(100));
    const toolStart = run.toolStart('read', 'c1', t.at(200));
    const toolResult = run.toolResult('read', 'c1', t.at(300));
    t.bridge.agentEvent(start);
    t.bridge.agentEvent(start);
    t.bridge.agentEvent(token);
    t.bridge.agentEvent(toolResult); // seq 4 before seq 3: applied
    t.bridge.agentEvent(toolStart); // seq 3, now stale
    t.bridge.agentEvent(token);
    t.bridge.chatEvent({ ...run.chat('delta'), seq: 2 }); // older than seq 4
    expect(t.transitions()).toEqual(['awaiting_model', 'streaming']);
    expect(t.bridge.stats().problems.stale).toBe(4);
    expect(t.problems.map((problem) => problem.kind)).toEqual(['stale', 'stale', 'stale', 'stale']);
  });

  it('counts a chat event repeated with the same seq and state as stale', () => {
    const t = setupBridge();
    t.at(0);
    const status = {
      runId: 'run-d1',
      sessionKey: MAIN,
      seq: 1,
      state: 'status',
      phase: 'starting_model',
    };
    t.bridge.chatEvent(status);
    t.bridge.chatEvent(status);
    expect(t.transitions()).toEqual(['awaiting_model']);
    expect(t.bridge.stats().problems.stale).toBe(1);
  });

  it('tolerates unknown streams, phases and states, and malformed payloads, without throwing', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-u1', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    const feed = [
      () => t.bridge.agentEvent(run.agent('hologram', { phase: 'start' }, t.at(10))),
      () => t.bridge.agentEvent(run.lifecycle('finishing', t.at(20))),
      () => t.bridge.agentEvent(run.agent('tool', { phase: 'teleport' }, t.at(30))),
      () => t.bridge.agentEvent(run.agent('item', { itemId: 'i', status: 'paused' }, t.at(40))),
      () => t.bridge.agentEvent(run.agent('plan', { steps: [] }, t.at(50))),
      () => t.bridge.chatEvent({ ...run.chat('status'), phase: 'warming_up' }),
      () => t.bridge.chatEvent({ ...run.chat('mystery') }),
      () => t.bridge.agentEvent(null),
      () => t.bridge.agentEvent('lifecycle'),
      () => t.bridge.agentEvent({ runId: 5, stream: 'lifecycle' }),
      () => t.bridge.agentEvent({ runId: 'x'.repeat(600), stream: 'lifecycle' }),
      () => t.bridge.chatEvent({ runId: 'run-u1', seq: 1 }),
      () => t.bridge.handleEvent('agent', [1, 2, 3]),
      () => t.bridge.handleEvent('heartbeat', { ts: 1, status: 'sent' }),
      () => t.bridge.sessionList({ sessions: 'many' }),
      () => t.bridge.sessionRow({ key: '' }),
    ];
    for (const step of feed) expect(step).not.toThrow();
    expect(t.transitions()).toEqual(['awaiting_model']);
    expect(t.bridge.stats().problems).toMatchObject({
      unknown_stream: 1,
      unknown_phase: 5,
      malformed: 8,
    });
  });

  it('an end of a run never seen does not complete a session another run is driving', () => {
    const t = setupBridge();
    const running = createGatewayRun('run-a', MAIN);
    const unknown = createGatewayRun('run-b', MAIN);
    t.bridge.agentEvent(running.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(running.toolStart('exec', 'call-1', t.at(100)));
    // Run B's start was lost (we joined late): only its end arrives, while A works.
    t.bridge.agentEvent(unknown.lifecycle('end', t.at(200)));
    t.bridge.chatEvent(unknown.chat('final'));
    expect(t.last()).toMatchObject({ state: 'tool_exec', toolName: 'exec', turnId: 'run-a' });
    t.bridge.agentEvent(running.toolResult('exec', 'call-1', t.at(300)));
    expect(t.transitions()).toEqual(['awaiting_model', 'tool_exec:exec', 'awaiting_model']);
  });

  it('sets aside events of a run whose session it cannot know', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-n1', MAIN);
    t.bridge.agentEvent({ ...run.lifecycle('start', t.at(0)), sessionKey: undefined });
    t.bridge.agentEvent({ ...run.assistant('A', 'A', t.at(10)), sessionKey: '  ' });
    t.bridge.agentEvent(run.assistant('AB', 'B', t.at(20)));
    expect(t.bridge.stats().problems.unroutable).toBe(2);
    expect(t.transitions()).toEqual(['streaming']);
  });

  it('counts a session crashed by someone else as rejected, and goes on', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-k1', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.emitter.get(MAIN)?.crash();
    expect(() => t.bridge.agentEvent(run.toolStart('exec', 'c', t.at(10)))).not.toThrow();
    expect(t.bridge.stats().problems.rejected).toBe(1);
    expect(t.problems[0]?.detail).toContain('crashed');
  });
});
