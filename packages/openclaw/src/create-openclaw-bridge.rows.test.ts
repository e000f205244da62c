import { describe, expect, it } from 'vitest';
import type { GatewaySessionRow } from './gateway-types';
import { createGatewayRun } from './test-utils/create-gateway-run';
import { MAIN, setupBridge, T0 } from './test-utils/setup-bridge';

const OPS = 'agent:ops:slack:group:deploys';
const LOCAL = 'agent:local:main';

function row(key: string, fields: Partial<GatewaySessionRow> = {}): GatewaySessionRow {
  return { key, kind: 'direct', updatedAt: T0, ...fields };
}

describe('createOpenClawBridge: session-list rows', () => {
  it('creates listed sessions idle or busy, with the model as provider/model', () => {
    const t = setupBridge();
    t.at(0);
    t.bridge.sessionList({
      ts: T0,
      count: 3,
      sessions: [
        row(MAIN, { model: 'claude-sonnet-4-5', modelProvider: 'anthropic', status: 'done' }),
        row(OPS, {
          kind: 'group',
          model: 'gpt-5',
          modelProvider: 'openai',
          status: 'running',
          startedAt: T0 - 4000,
          hasActiveRun: true,
        }),
        row(LOCAL, { model: 'ollama/qwen3:32b', modelProvider: 'ollama', updatedAt: null }),
      ],
    });
    expect(t.emitter.heartbeat(MAIN)).toMatchObject({
      state: 'idle',
      model: 'anthropic/claude-sonnet-4-5',
    });
    expect(t.emitter.heartbeat(OPS)).toMatchObject({
      state: 'awaiting_model',
      model: 'openai/gpt-5',
      startedAt: T0 - 4000,
    });
    expect(t.emitter.heartbeat(OPS)?.turnId).toBeUndefined();
    expect(t.emitter.heartbeat(LOCAL)).toMatchObject({ state: 'idle', model: 'ollama/qwen3:32b' });
    expect(t.bridge.stats()).toMatchObject({ rows: 3, sessionsCreated: 3 });
  });

  it('removes the sessions a later list no longer has, once each', () => {
    const t = setupBridge();
    t.at(0);
    t.bridge.sessionList({ ts: T0, sessions: [row(MAIN), row(OPS), row(LOCAL)] });
    t.bridge.sessionList({ ts: t.at(10_000), sessions: [row(MAIN)] });
    t.bridge.sessionList({ ts: t.at(20_000), sessions: [row(MAIN)] });
    expect(t.removed).toEqual([OPS, LOCAL]);
    expect(t.emitter.snapshot().map((beat) => beat.sessionKey)).toEqual([MAIN]);
    expect(t.bridge.stats().sessionsRemoved).toBe(2);
  });

  it('keeps a session an event touched after the list was read', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-1', OPS);
    const listReadAt = t.at(0);
    t.bridge.agentEvent(run.lifecycle('start', t.at(50)));
    t.bridge.sessionList({ ts: listReadAt, sessions: [row(MAIN)] });
    expect(t.removed).toEqual([]);
    t.bridge.sessionList({ ts: t.at(1000), sessions: [row(MAIN)] });
    expect(t.removed).toEqual([OPS]);
  });

  it('leaves unlisted sessions alone with removeUnlisted: false', () => {
    const t = setupBridge({ removeUnlisted: false });
    t.bridge.sessionList([row(MAIN), row(OPS)]);
    t.bridge.sessionList([row(MAIN)]);
    expect(t.removed).toEqual([]);
  });

  it('follows a model change with one heartbeat', () => {
    const t = setupBridge();
    t.bridge.sessionList([row(MAIN, { model: 'gpt-5', modelProvider: 'openai' })]);
    t.bridge.sessionList([row(MAIN, { model: 'gpt-5', modelProvider: 'openai' })]);
    t.bridge.sessionList([row(MAIN, { model: 'gpt-5-mini', modelProvider: 'openai' })]);
    expect(t.transitions(MAIN)).toEqual(['idle', 'idle']);
    expect(t.emitter.heartbeat(MAIN)?.model).toBe('openai/gpt-5-mini');
  });

  it('shows a run it heard nothing of as busy until a row says it is over', () => {
    const t = setupBridge();
    t.bridge.sessionList({
      ts: t.at(0),
      sessions: [row(MAIN, { status: 'done', endedAt: T0 - 1 })],
    });
    // The gateway restarted mid-run, or we joined late: only the rows know.
    const running = row(MAIN, { status: 'running', startedAt: T0 + 1000, hasActiveRun: true });
    t.bridge.sessionList({ ts: t.at(2000), sessions: [running] });
    t.bridge.sessionList({ ts: t.at(40_000), sessions: [running] });
    expect(t.emitter.heartbeat(MAIN)).toMatchObject({
      state: 'awaiting_model',
      stateSince: T0 + 2000,
    });
    t.bridge.sessionList({
      ts: t.at(41_000),
      sessions: [row(MAIN, { status: 'done', startedAt: T0 + 1000, endedAt: T0 + 40_500 })],
    });
    expect(t.transitions(MAIN)).toEqual(['idle', 'awaiting_model', 'complete']);
    // An older list that still says running does not reopen it.
    t.bridge.sessionList({ ts: t.at(42_000), sessions: [running] });
    expect(t.emitter.heartbeat(MAIN)?.state).toBe('complete');
  });

  it('lets run events win over rows, unless a row says the run ended after it began', () => {
    const t = setupBridge();
    const run = createGatewayRun('run-9', MAIN);
    t.bridge.agentEvent(run.lifecycle('start', t.at(0)));
    t.bridge.agentEvent(run.toolStart('exec', 'c1', t.at(100)));
    // A list read before the run began says idle: the events are fresher.
    t.bridge.sessionList({
      ts: T0 - 10,
      sessions: [row(MAIN, { status: 'done', endedAt: T0 - 500 })],
    });
    expect(t.emitter.heartbeat(MAIN)?.state).toBe('tool_exec');
    // The end event was lost; a newer row knows the run ended.
    t.bridge.sessionList({
      ts: t.at(9000),
      sessions: [row(MAIN, { status: 'done', hasActiveRun: false, endedAt: T0 + 8000 })],
    });
    expect(t.transitions(MAIN)).toEqual(['awaiting_model', 'tool_exec:exec', 'complete']);
    t.bridge.agentEvent(run.toolResult('exec', 'c1', t.at(9100)));
    expect(t.emitter.heartbeat(MAIN)?.state).toBe('complete');
  });

  it('reads sessions.changed payloads as rows: create and update, never remove', () => {
    const t = setupBridge();
    t.bridge.sessionList([row(MAIN), row(OPS)]);
    const changed = {
      sessionKey: LOCAL,
      phase: 'start',
      runId: 'run-3',
      ts: T0,
      session: {
        key: LOCAL,
        kind: 'direct',
        updatedAt: T0,
        model: 'qwen3:32b',
        modelProvider: 'ollama',
      },
    };
    expect(t.bridge.handleEvent('sessions.changed', changed)).toBe(true);
    expect(t.emitter.heartbeat(LOCAL)?.model).toBe('ollama/qwen3:32b');
    expect(t.bridge.handleEvent('sessions.changed', { sessionKey: MAIN, model: 'gpt-5' })).toBe(
      true,
    );
    expect(t.emitter.heartbeat(MAIN)?.model).toBe('gpt-5');
    expect(t.removed).toEqual([]);
  });

  it('sets aside malformed rows and applies the others', () => {
    const t = setupBridge();
    t.bridge.sessionList({
      sessions: [row(MAIN), null, { key: 42 }, { kind: 'direct' }, row('x'.repeat(513)), row(OPS)],
    });
    expect(t.emitter.snapshot().map((beat) => beat.sessionKey)).toEqual([MAIN, OPS]);
    expect(t.bridge.stats().problems.malformed).toBe(4);
  });

  it('a run we joined late (a row said busy) completes the session when its end arrives', () => {
    const t = setupBridge();
    t.at(0);
    t.bridge.sessionRow(row(MAIN, { status: 'running', hasActiveRun: true, startedAt: T0 }));
    const unseen = createGatewayRun('run-late', MAIN);
    t.bridge.agentEvent(unseen.lifecycle('end', t.at(5000)));
    expect(t.transitions()).toEqual(['awaiting_model', 'complete']);
    expect(t.last()).toMatchObject({ state: 'complete', turnId: 'run-late' });
  });
});
