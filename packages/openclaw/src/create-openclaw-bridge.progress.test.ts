// v1.1 through the bridge: progress from the gateway's own events, repeated
// tool calls, labels from rows, and abort mapped onto the gateway's chat.abort.
import { classifyHealth } from '@session-heartbeat/core';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { createManualClock } from '@session-heartbeat/emitter/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createOpenClawActions } from './create-openclaw-actions';
import { createOpenClawBridge } from './create-openclaw-bridge';
import type { GatewaySessionRow } from './gateway-types';
import { createGatewayRun } from './test-utils/create-gateway-run';
import { MAIN, setupBridge, T0 } from './test-utils/setup-bridge';

const SECOND = 1000;

function row(key: string, fields: Partial<GatewaySessionRow> = {}): GatewaySessionRow {
  return { key, kind: 'direct', updatedAt: T0, ...fields };
}

describe('progress from the gateway’s events', () => {
  it('a 3-minute command that prints every 3 s is never stalled, and is 30 s after it goes quiet', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-npm', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(
      run.agent(
        'tool',
        { phase: 'start', name: 'exec', toolCallId: 'c1', args: { command: 'npm test' } },
        t.at(500),
      ),
    );
    const emittedBefore = t.beats().filter((beat) => beat.reason !== 'periodic').length;
    let worst = 'active';
    for (let ms = 3 * SECOND; ms <= 180 * SECOND; ms += 3 * SECOND) {
      const data = { itemId: 'i1', phase: 'delta', name: 'exec', output: `ok ${ms}\n` };
      t.bridge.agentEvent(run.agent('command_output', data, t.at(ms)));
      const last = t.last();
      const verdict = classifyHealth(last, { serverNow: T0 + ms + 2 * SECOND });
      if (verdict.health !== 'active') worst = `${verdict.health} at ${ms}`;
    }
    expect(worst).toBe('active');
    // Output emits nothing by itself: only the periodic beats carried it.
    expect(t.beats().filter((beat) => beat.reason !== 'periodic')).toHaveLength(emittedBefore);
    t.at(185 * SECOND);
    expect(t.last()).toMatchObject({
      state: 'tool_exec',
      toolName: 'exec',
      lastProgressAt: T0 + 180 * SECOND,
      activity: 'exec: output',
    });
    expect(t.last()?.activity).not.toContain('ok ');
    // Quiet from 180 s: still working at 30 s of silence, stalled one ms later.
    const quiet = T0 + 180 * SECOND;
    t.at(210 * SECOND);
    expect(classifyHealth(t.last(), { serverNow: quiet + 30 * SECOND }).health).toBe('active');
    t.at(210 * SECOND + 1);
    expect(classifyHealth(t.last(), { serverNow: quiet + 30 * SECOND + 1 })).toMatchObject({
      health: 'stalled',
      because: 'no_progress',
    });
  });

  it('an item’s summary is the activity; a plan or a compaction counts as progress too', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-sum', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.toolStart('read', 'c1', t.at(100)));
    t.bridge.agentEvent(
      run.agent(
        'item',
        {
          itemId: 'i1',
          phase: 'update',
          kind: 'tool',
          name: 'read',
          status: 'running',
          summary: 'reading 3 files',
        },
        t.at(2000),
      ),
    );
    t.at(6000);
    expect(t.last()).toMatchObject({ lastProgressAt: T0 + 2000, activity: 'reading 3 files' });
    t.bridge.agentEvent(run.toolResult('read', 'c1', t.at(7000)));
    t.bridge.agentEvent(run.agent('compaction', { phase: 'start' }, t.at(8000)));
    t.at(13_000);
    expect(t.last()).toMatchObject({
      state: 'awaiting_model',
      lastProgressAt: T0 + 8000,
      activity: 'compaction: start',
    });
    expect(t.problems).toEqual([]);
  });

  it('the same tool with the same input six times in a row is a loop, whatever its call ids', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-loop', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    for (let call = 1; call <= 6; call += 1) {
      const args = { path: 'src/config.ts', offset: 0 };
      t.bridge.agentEvent(
        run.agent(
          'tool',
          { phase: 'start', name: 'read', toolCallId: `call_${call}`, args },
          t.at(call * 1000),
        ),
      );
      t.bridge.agentEvent(run.toolResult('read', `call_${call}`, t.at(call * 1000 + 400)));
    }
    t.bridge.agentEvent(
      run.agent(
        'tool',
        {
          phase: 'start',
          name: 'read',
          toolCallId: 'call_7',
          args: { offset: 0, path: 'src/config.ts' },
        },
        t.at(7000),
      ),
    );
    const calls = t.beats().filter((beat) => beat.state === 'tool_exec');
    expect(calls.map((beat) => beat.toolRepeat)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(t.last()).toMatchObject({ toolRepeat: 7, turnToolCalls: 7 });
    expect(classifyHealth(t.last(), { serverNow: T0 + 7100 })).toMatchObject({
      health: 'stalled',
      because: 'tool_loop',
    });
    // Another input breaks the streak.
    t.bridge.agentEvent(run.toolResult('read', 'call_7', t.at(7400)));
    t.bridge.agentEvent(
      run.agent(
        'tool',
        { phase: 'start', name: 'read', toolCallId: 'call_8', args: { path: 'src/other.ts' } },
        t.at(8000),
      ),
    );
    expect(t.last()).toMatchObject({ toolRepeat: 1, turnToolCalls: 8 });
  });
});

describe('labels from session-list rows', () => {
  it('takes the display name, else the label, never the bare key; a partial row leaves it be', () => {
    const t = setupBridge();
    t.bridge.sessionList([
      row(MAIN, { displayName: 'Main', label: 'main-label' }),
      row('agent:ops:main', { label: 'Ops Child' }),
      row('agent:x:main', { displayName: 'agent:x:main' }),
    ]);
    expect(t.last()?.label).toBe('Main');
    expect(t.last('agent:ops:main')?.label).toBe('Ops Child');
    expect(t.last('agent:x:main')).not.toHaveProperty('label');
    const emitted = t.beats().length;
    // A sessions.changed that does not name the session changes nothing about its name.
    t.bridge.handleEvent('sessions.changed', { sessionKey: MAIN, model: 'gpt-5' });
    expect(t.last()?.label).toBe('Main');
    t.bridge.sessionRow(row(MAIN, { displayName: 'Main (renamed)' }));
    t.bridge.sessionRow(row(MAIN, { displayName: 'Main (renamed)' }));
    expect(
      t
        .beats()
        .slice(emitted)
        .map((beat) => beat.label),
    ).toEqual(['Main', 'Main (renamed)']);
    t.bridge.sessionRow(row(MAIN, { displayName: MAIN }));
    expect(t.last()).not.toHaveProperty('label');
  });
});

describe('createOpenClawActions', () => {
  it('offers abort only with the gateway’s chat.abort, and nothing else the gateway has no method for', () => {
    expect(createOpenClawActions({})).toEqual({ actions: [] });
    const emitter = createHeartbeatEmitter(createOpenClawActions({}));
    expect(emitter.actions).toEqual([]);
    emitter.dispose();
  });

  it('aborts the session’s run through chat.abort; the gateway’s aborted frame completes it', async () => {
    const clock = createManualClock(T0);
    const chatAbort = vi.fn<(params: { sessionKey: string; runId?: string }) => Promise<void>>(() =>
      Promise.resolve(),
    );
    const emitter = createHeartbeatEmitter({
      now: clock.now,
      timers: clock.timers,
      ...createOpenClawActions({ chatAbort }),
    });
    const bridge = createOpenClawBridge(emitter);
    expect(emitter.actions).toEqual(['abort']);
    const run = createGatewayRun('run-abort', MAIN);
    bridge.agentEvent(run.lifecycle('start', T0));
    bridge.agentEvent(run.assistant('Working', 'Working', T0 + 100));
    expect(emitter.act(MAIN, 'abort')).toBe(true);
    expect(chatAbort).toHaveBeenCalledWith({ sessionKey: MAIN, runId: 'run-abort' });
    // What the gateway does on chat.abort: it broadcasts `aborted` at once.
    bridge.chatEvent(run.chat('aborted'));
    expect(emitter.heartbeat(MAIN)).toMatchObject({ state: 'complete', turnId: 'run-abort' });
    expect(() => emitter.act(MAIN, 'restart')).toThrow(/does not support restart/);
    // A session busy by its row alone has no run id: every run of the session is aborted.
    bridge.sessionList([row('agent:ops:main', { hasActiveRun: true, startedAt: T0 })]);
    emitter.act('agent:ops:main', 'abort');
    expect(chatAbort).toHaveBeenLastCalledWith({ sessionKey: 'agent:ops:main' });
    await Promise.resolve();
    emitter.dispose();
  });
});
