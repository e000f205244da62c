import { describe, expect, it } from 'vitest';
import { createGatewayRun } from './test-utils/create-gateway-run';
import { MAIN, setupBridge, T0 } from './test-utils/setup-bridge';

const OPS = 'agent:ops:telegram:direct:4711';

describe('createOpenClawBridge: one run', () => {
  it('maps a plain answer: startup, streaming with token times, complete — one heartbeat per state', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-a1', MAIN);
    t.bridge.handleEvent('agent', run.lifecycle('start', t.at(0), { startedAt: T0 }));
    // Startup phases: a `run_status` agent event, echoed as a chat `status` with its seq.
    for (const [ms, phase] of [
      [50, 'preparing_context'],
      [400, 'starting_model'],
    ] as const) {
      t.bridge.handleEvent('agent', run.agent('run_status', { phase }, t.at(ms)));
      t.bridge.handleEvent('chat', run.chat('status', { phase }));
    }
    const tokens = [1200, 1300, 1450, 1600, 7000];
    let text = '';
    for (const ms of tokens) {
      text += 'word ';
      t.bridge.handleEvent('agent', run.assistant(text, 'word ', t.at(ms)));
      // The gateway re-broadcasts each assistant event as a chat delta with the same seq.
      t.bridge.handleEvent('chat', run.chat('delta', { message: { timestamp: T0 + ms } }));
    }
    t.bridge.handleEvent('agent', run.lifecycle('end', t.at(7200)));
    t.bridge.handleEvent('chat', run.chat('final', { stopReason: 'stop' }));

    expect(t.transitions()).toEqual(['awaiting_model', 'streaming', 'complete']);
    const [waiting, streaming, complete] = t.beats().filter((beat) => beat.reason !== 'periodic');
    expect(waiting).toMatchObject({ turnId: 'run-a1', startedAt: T0, stateSince: T0 });
    expect(waiting?.lastTokenAt).toBeUndefined();
    expect(streaming).toMatchObject({
      turnId: 'run-a1',
      startedAt: T0,
      stateSince: T0 + 1200,
      lastTokenAt: T0 + 1200,
    });
    expect(complete).toMatchObject({
      turnId: 'run-a1',
      startedAt: T0,
      stateSince: T0 + 7200,
      lastTokenAt: T0 + 7000,
    });
    // Tokens ride the periodic beats instead of emitting one each.
    const periodic = t.beats().filter((beat) => beat.reason === 'periodic');
    expect(periodic.length).toBeGreaterThan(0);
    expect(periodic.every((beat) => beat.state === 'streaming')).toBe(true);
    expect(periodic.at(-1)?.lastTokenAt).toBe(T0 + 1600);
    expect(t.problems).toEqual([]);
    expect(t.bridge.stats()).toMatchObject({ received: 17, sessionsCreated: 1 });
  });

  it('maps a tool call: tool_exec with the tool name, then back to the model', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-t1', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.assistant('Let me look.', 'Let me look.', t.at(900)));
    t.bridge.agentEvent(run.toolStart('read', 'call-1', t.at(1000)));
    t.bridge.agentEvent(run.agent('tool', { phase: 'update', toolCallId: 'call-1' }, t.at(1500)));
    t.bridge.agentEvent(run.toolResult('read', 'call-1', t.at(4000)));
    t.bridge.agentEvent(run.thinking('The file says…', t.at(5000)));
    t.bridge.agentEvent(run.assistant('Done.', 'Done.', t.at(5500)));
    t.bridge.agentEvent(run.lifecycle('end', t.at(6000)));

    expect(t.transitions()).toEqual([
      'awaiting_model',
      'streaming',
      'tool_exec:read',
      'awaiting_model',
      'streaming',
      'complete',
    ]);
    const tool = t.beats().find((beat) => beat.state === 'tool_exec');
    expect(tool).toMatchObject({ stateSince: T0 + 1000, lastTokenAt: T0 + 900, turnId: 'run-t1' });
    expect(t.last()).toMatchObject({ state: 'complete', lastTokenAt: T0 + 5500 });
    expect(t.problems).toEqual([]);
  });

  it('keeps tool_exec while parallel tool calls are open', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-p1', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.toolStart('web_search', 'call-1', t.at(100)));
    t.bridge.agentEvent(run.toolStart('read', 'call-2', t.at(110)));
    t.bridge.agentEvent(run.toolResult('read', 'call-2', t.at(2000)));
    t.bridge.agentEvent(run.toolResult('web_search', 'call-1', t.at(3000)));
    expect(t.transitions()).toEqual([
      'awaiting_model',
      'tool_exec:web_search',
      'tool_exec:read',
      'tool_exec:web_search',
      'awaiting_model',
    ]);
  });

  it('maps an approval wait: tool_wait keeps the tool, resolved goes back to tool_exec', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-w1', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.toolStart('exec', 'call-9', t.at(800)));
    t.bridge.agentEvent(run.approval('requested', 'appr-1', 'call-9', t.at(1000)));
    // The gateway also marks the command item blocked.
    t.bridge.agentEvent(
      run.agent(
        'item',
        {
          itemId: 'cmd-1',
          phase: 'end',
          kind: 'command',
          title: 'exec',
          status: 'blocked',
          name: 'exec',
          toolCallId: 'call-9',
        },
        t.at(1001),
      ),
    );
    t.at(61_000); // a person takes a minute
    t.bridge.agentEvent(run.approval('resolved', 'appr-1', 'call-9', t.at(61_000)));
    t.bridge.agentEvent(run.toolResult('exec', 'call-9', t.at(63_000)));
    t.bridge.agentEvent(run.lifecycle('end', t.at(64_000)));

    expect(t.transitions()).toEqual([
      'awaiting_model',
      'tool_exec:exec',
      'tool_wait:exec',
      'tool_exec:exec',
      'awaiting_model',
      'complete',
    ]);
    const waits = t.beats().filter((beat) => beat.state === 'tool_wait');
    expect(waits.length).toBeGreaterThan(5); // periodic beats while a person decides
    expect(waits.every((beat) => beat.stateSince === T0 + 1000 && beat.toolName === 'exec')).toBe(
      true,
    );
  });

  it('maps a denied approval: the tool returns and the run goes on', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-w2', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.toolStart('exec', 'call-1', t.at(100)));
    t.bridge.agentEvent(run.approval('requested', 'appr-2', 'call-1', t.at(200)));
    t.bridge.agentEvent(run.toolResult('exec', 'call-1', t.at(9000)));
    expect(t.transitions()).toEqual([
      'awaiting_model',
      'tool_exec:exec',
      'tool_wait:exec',
      'awaiting_model',
    ]);
  });

  it('maps an abort: complete at once, and the run end that follows changes nothing', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-x1', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.assistant('Once upon', 'Once upon', t.at(500)));
    t.bridge.chatEvent(run.chat('aborted', { stopReason: 'user' }));
    t.bridge.agentEvent(run.lifecycle('end', t.at(700), { aborted: true }));
    t.bridge.agentEvent(run.assistant('Once upon a', ' a', t.at(710)));
    expect(t.transitions()).toEqual(['awaiting_model', 'streaming', 'complete']);
    expect(t.last()).toMatchObject({ state: 'complete', turnId: 'run-x1', stateSince: T0 + 500 });
    expect(t.bridge.stats().problems.after_end).toBe(1);
  });

  it('maps an error: complete; the chat error echo and later events do not reopen it', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-e1', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.lifecycle('error', t.at(1500), { error: 'provider 529' }));
    // The gateway sends the chat error after its retry grace (15 s).
    t.bridge.chatEvent(run.chat('error', { errorMessage: 'provider 529', errorKind: 'unknown' }));
    t.bridge.agentEvent(run.assistant('late', 'late', t.at(16_600)));
    t.bridge.agentEvent(run.lifecycle('start', t.at(16_700)));
    expect(t.transitions()).toEqual(['awaiting_model', 'complete']);
    expect(t.last()).toMatchObject({ state: 'complete', turnId: 'run-e1' });
    expect(t.bridge.stats().problems.after_end).toBe(2);
  });

  it('follows a retry of a failed run under the same runId (the gateway reuses it)', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-r1', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.lifecycle('error', t.at(1000), { error: 'rate limited' }));
    t.bridge.agentEvent(run.lifecycle('start', t.at(3000)));
    t.bridge.agentEvent(run.assistant('Hi', 'Hi', t.at(4000)));
    t.bridge.agentEvent(run.lifecycle('end', t.at(5000)));
    expect(t.transitions()).toEqual([
      'awaiting_model',
      'complete',
      'awaiting_model',
      'streaming',
      'complete',
    ]);
    expect(t.last()).toMatchObject({ turnId: 'run-r1', startedAt: T0 + 3000 });
  });

  it('works from chat events alone (a host that forwards only chat)', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-c1', MAIN);
    t.at(100);
    t.bridge.chatEvent({
      runId: 'run-c1',
      sessionKey: MAIN,
      seq: 1,
      state: 'status',
      phase: 'starting_model',
    });
    t.at(900);
    t.bridge.chatEvent({
      ...run.chat('delta'),
      seq: 3,
      message: { role: 'assistant', content: [], timestamp: T0 + 900 },
    });
    t.at(1500);
    t.bridge.chatEvent({ ...run.chat('final'), seq: 6 });
    expect(t.transitions()).toEqual(['awaiting_model', 'streaming', 'complete']);
    expect(t.last()).toMatchObject({
      turnId: 'run-c1',
      lastTokenAt: T0 + 900,
      stateSince: T0 + 1500,
    });
  });
});

describe('createOpenClawBridge: many runs', () => {
  it('keeps two overlapping runs in different sessions independent', () => {
    const t = setupBridge();
    const a = createGatewayRun('run-a', MAIN);
    const b = createGatewayRun('run-b', OPS);
    t.bridge.agentEvent(a.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(b.lifecycle('start', t.at(100)));
    t.bridge.agentEvent(a.assistant('A', 'A', t.at(200)));
    t.bridge.agentEvent(b.toolStart('exec', 'b-1', t.at(300)));
    // Later events of run-b leave out the session key: the bridge remembers it.
    t.bridge.agentEvent({ ...b.toolResult('exec', 'b-1', t.at(400)), sessionKey: undefined });
    t.bridge.agentEvent(a.lifecycle('end', t.at(500)));
    t.bridge.agentEvent(b.assistant('B', 'B', t.at(600)));
    expect(t.transitions(MAIN)).toEqual(['awaiting_model', 'streaming', 'complete']);
    expect(t.transitions(OPS)).toEqual([
      'awaiting_model',
      'tool_exec:exec',
      'awaiting_model',
      'streaming',
    ]);
    expect(t.last(MAIN)).toMatchObject({ turnId: 'run-a', startedAt: T0 });
    expect(t.last(OPS)).toMatchObject({
      turnId: 'run-b',
      startedAt: T0 + 100,
      lastTokenAt: T0 + 600,
    });
  });

  it('lets a newer run of the same session replace one that never ended', () => {
    const t = setupBridge();
    const old = createGatewayRun('run-old', MAIN);
    const next = createGatewayRun('run-new', MAIN);
    t.bridge.agentEvent(old.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(old.toolStart('exec', 'c1', t.at(100)));
    t.bridge.agentEvent(next.lifecycle('start', t.at(20_000)));
    t.bridge.agentEvent(old.toolResult('exec', 'c1', t.at(20_100)));
    t.bridge.agentEvent(old.lifecycle('end', t.at(20_200)));
    expect(t.transitions()).toEqual(['awaiting_model', 'tool_exec:exec', 'awaiting_model']);
    expect(t.last()).toMatchObject({ state: 'awaiting_model', turnId: 'run-new' });
    expect(t.bridge.stats().runsSuperseded).toBe(1);
  });
});
