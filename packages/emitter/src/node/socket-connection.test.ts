import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHeartbeatServer, type RunningHeartbeatServer } from './start-heartbeat-server';
import { connectTestClient, waitFor, type TestClient } from './test-utils/connect-test-client';

const SESSIONS = 1000;
const MAX_BUFFERED = 64 * 1024;

let running: RunningHeartbeatServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await running?.close();
  running = undefined;
});

function rawSocket(client: TestClient): Socket {
  // ws keeps its net.Socket private; pausing it makes a client that stops reading.
  return (client.ws as unknown as { _socket: Socket })._socket;
}

describe('a client that stops reading', () => {
  it('costs at most one pending heartbeat per session, then is closed with 1013, while others keep receiving', async () => {
    let reportClose: (message: string) => void = () => undefined;
    const slowClosed = new Promise<string>((resolve) => (reportClose = resolve));
    running = await startHeartbeatServer({
      emitterOptions: { interval: 60_000 },
      maxBufferedBytes: MAX_BUFFERED,
      maxBackpressureMs: 500,
      closeGraceMs: 5000,
      logger: { warn: (message) => message.includes(' 1013') && reportClose(message) },
    });
    const { emitter, heartbeat } = running;
    // Long keys make each round of transitions about 600 KB on the wire.
    const pad = 'x'.repeat(400);
    const sessions = emitter.batch(() =>
      Array.from({ length: SESSIONS }, (_, index) => emitter.session(`agent:slow:${pad}:${index}`)),
    );
    const normal = await connectTestClient(running.url);
    const slow = await connectTestClient(running.url);
    clients.push(normal, slow);
    await normal.next((frame) => frame.type === 'snapshot');
    await slow.next((frame) => frame.type === 'snapshot');
    rawSocket(slow).pause();
    const slowStats = () => heartbeat.connectionStats().find((stats) => stats.id === 2);

    let round = 0;
    let worstPending = 0;
    let worstBuffered = 0;
    let backloggedRounds = 0;
    const states = ['awaiting_model', 'streaming', 'complete', 'idle'] as const;
    while (backloggedRounds < 20 && round < 400) {
      const state = states[round % 4] ?? 'idle';
      emitter.batch(() => sessions.forEach((session) => session.transition(state)));
      round += 1;
      // Pace on the normal client: it receives every round.
      await normal.next(
        (frame) =>
          frame.type === 'heartbeats' &&
          (frame.heartbeats ?? []).some(
            (beat) => beat.sessionKey === sessions[SESSIONS - 1]?.key && beat.state === state,
          ),
      );
      const stats = slowStats();
      if (!stats || stats.status !== 'open') break;
      worstPending = Math.max(worstPending, stats.pendingHeartbeats);
      worstBuffered = Math.max(worstBuffered, stats.bufferedAmount);
      if (stats.pendingHeartbeats > 0) backloggedRounds += 1;
    }
    expect(backloggedRounds).toBeGreaterThan(0);
    // Bounded: the newest heartbeat per session, never a queue of frames.
    expect(worstPending).toBeLessThanOrEqual(SESSIONS);
    expect(worstBuffered).toBeLessThan(MAX_BUFFERED + 1024 * 1024);

    expect(await slowClosed).toMatch(/client #2 closed 1013: client too slow/);
    rawSocket(slow).resume();
    expect((await slow.closed).code).toBe(1013);
    // The normal client is unaffected.
    sessions[0]?.transition('tool_exec', { toolName: 'exec' });
    await normal.next((frame) =>
      (frame.heartbeats ?? []).some((beat) => beat.state === 'tool_exec'),
    );
    await waitFor(() => heartbeat.clientCount === 1);
  });

  it('is closed with 1013 as soon as its backlog passes maxPendingHeartbeats', async () => {
    let reportClose: (message: string) => void = () => undefined;
    const slowClosed = new Promise<string>((resolve) => (reportClose = resolve));
    running = await startHeartbeatServer({
      emitterOptions: { interval: 60_000 },
      maxBufferedBytes: 16 * 1024,
      maxPendingHeartbeats: 50,
      maxBackpressureMs: 60_000,
      logger: { warn: (message) => message.includes(' 1013') && reportClose(message) },
    });
    const { emitter } = running;
    const slow = await connectTestClient(running.url);
    clients.push(slow);
    await slow.next((frame) => frame.type === 'snapshot');
    rawSocket(slow).pause();
    const pad = 'y'.repeat(450);
    for (let index = 0; index < 20_000; index += 1) {
      emitter.session(`agent:many:${pad}:${index}`);
      if (index % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (running.heartbeat.connectionStats()[0]?.status !== 'open') break;
    }
    expect(await slowClosed).toMatch(/closed 1013: client too slow: over 50 pending heartbeats/);
  });
});
