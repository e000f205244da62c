import type { SessionHeartbeat } from '@session-heartbeat/core';
import { createHeartbeatEmitter, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import { describe, expect, it } from 'vitest';
import {
  createManualClock,
  recordEmissions,
  type ManualClock,
} from '@session-heartbeat/emitter/test-utils';
import { startScenario } from '../start-scenario';
import { DEMO_CAST } from '../start-demo-scenario';
import {
  isOpenClawScenario,
  OPENCLAW_EXTRA_CAST,
  type OpenClawScenario,
} from './start-openclaw-scenario';

function run(seed: number): {
  clock: ManualClock;
  emitter: HeartbeatEmitter;
  scenario: OpenClawScenario;
  beats: SessionHeartbeat[];
  removed: string[];
  events: { event: string; payload: unknown }[];
  stop(): void;
} {
  const clock = createManualClock();
  const emitter = createHeartbeatEmitter({ now: clock.now, timers: clock.timers });
  const { beats, removed } = recordEmissions(emitter);
  const scenario = startScenario('openclaw', emitter, {
    seed,
    now: clock.now,
    timers: clock.timers,
  });
  if (!isOpenClawScenario(scenario)) throw new Error('not the openclaw scenario');
  const events: { event: string; payload: unknown }[] = [];
  scenario.gateway.subscribe((event, payload) => events.push({ event, payload }));
  return {
    clock,
    emitter,
    scenario,
    beats,
    removed,
    events,
    stop() {
      scenario.stop();
      emitter.dispose();
    },
  };
}

function trace(beats: SessionHeartbeat[], start: number): string[] {
  return beats.map((beat) =>
    [
      beat.emittedAt - start,
      beat.sessionKey,
      beat.state,
      beat.toolName ?? '',
      beat.turnId ?? '',
      beat.lastTokenAt === undefined ? '' : beat.lastTokenAt - start,
      beat.seq,
      beat.reason,
    ].join(' '),
  );
}

describe('the openclaw scenario', () => {
  it('replays the same heartbeats for the same seed, and others for another seed', () => {
    const traces = [5, 5, 6].map((seed) => {
      const openclaw = run(seed);
      const start = openclaw.clock.now();
      openclaw.clock.advance(120_000);
      openclaw.stop();
      return trace(openclaw.beats, start);
    });
    expect(traces[0]?.length).toBeGreaterThan(200);
    expect(traces[1]).toEqual(traces[0]);
    expect(traces[2]).not.toEqual(traces[0]);
  });

  it('drives the cast through gateway events only, and the bridge takes every one of them', () => {
    const openclaw = run(7);
    openclaw.clock.advance(300_000);
    const stats = openclaw.scenario.gateway.bridge.stats();
    openclaw.stop();

    const keys = new Set(openclaw.beats.map((beat) => beat.sessionKey));
    for (const member of [...DEMO_CAST, ...OPENCLAW_EXTRA_CAST])
      expect(keys).toContain(member.sessionKey);
    const kinds = new Set(openclaw.events.map((entry) => entry.event));
    // Runs and the gateway's own heartbeat go to everyone; session changes to subscribers.
    expect([...kinds].sort()).toEqual([
      'agent',
      'chat',
      'heartbeat',
      'session.message',
      'sessions.changed',
    ]);
    expect(stats.received).toBeGreaterThan(500);
    expect(stats.problems).toEqual({
      malformed: 0,
      unknown_stream: 0,
      unknown_phase: 0,
      stale: 0,
      after_end: 0,
      unroutable: 0,
      rejected: 0,
    });
    // Tokens do not emit a heartbeat each.
    const tokens = openclaw.events.filter(
      (entry) =>
        entry.event === 'agent' && (entry.payload as { stream: string }).stream === 'assistant',
    ).length;
    const transitions = openclaw.beats.filter((beat) => beat.reason === 'transition').length;
    expect(tokens).toBeGreaterThan(transitions);
    // Turns are the gateway's run ids.
    for (const beat of openclaw.beats) {
      if (beat.state === 'idle' || beat.turnId === undefined) continue;
      expect(beat.turnId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('shows every state, approvals, aborts, failed runs, a hung run, and subagents that come and go', () => {
    const openclaw = run(7);
    openclaw.clock.advance(400_000);
    openclaw.stop();
    const states = new Set(openclaw.beats.map((beat) => beat.state));
    expect([...states].sort()).toEqual(
      ['awaiting_model', 'complete', 'idle', 'streaming', 'tool_exec', 'tool_wait'].sort(),
    );
    expect(
      openclaw.beats.some((beat) => beat.state === 'tool_wait' && beat.toolName === 'exec'),
    ).toBe(true);
    const chatStates = new Set(
      openclaw.events
        .filter((entry) => entry.event === 'chat')
        .map((entry) => (entry.payload as { state: string }).state),
    );
    expect([...chatStates].sort()).toEqual(['aborted', 'delta', 'error', 'final', 'status']);
    // The crashing cast member's run hangs: the emitter keeps beating "streaming" with an old token.
    const hung = openclaw.emitter.heartbeat('agent:support:whatsapp:direct:15550123');
    expect(hung?.state).toBe('streaming');
    expect(openclaw.clock.now() - (hung?.lastTokenAt ?? 0)).toBeGreaterThan(60_000);
    const subagents = openclaw.beats.filter((beat) => beat.sessionKey.includes(':subagent:'));
    expect(subagents.length).toBeGreaterThan(0);
    expect(openclaw.removed.some((key) => key.includes(':subagent:'))).toBe(true);
  });

  it('lets a restart recover a hung session, and its script starts over', () => {
    const openclaw = run(7);
    const key = 'agent:support:whatsapp:direct:15550123';
    openclaw.clock.advance(200_000);
    expect(openclaw.emitter.heartbeat(key)?.state).toBe('streaming');
    expect(openclaw.emitter.act(key, 'restart')).toBe(true);
    expect(openclaw.emitter.heartbeat(key)?.state).toBe('idle');
    const before = openclaw.beats.length;
    openclaw.clock.advance(30_000);
    const after = openclaw.beats.slice(before).filter((beat) => beat.sessionKey === key);
    expect(
      after.some((beat) => beat.state === 'awaiting_model' && beat.reason === 'transition'),
    ).toBe(true);
    openclaw.stop();
  });
});
