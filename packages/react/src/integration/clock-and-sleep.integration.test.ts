// @vitest-environment node
import type { SessionHeartbeat } from '@session-heartbeat/core';
import { createTestEnvironment } from '@session-heartbeat/client/test-utils';
import { startHeartbeatServer } from '@session-heartbeat/emitter/node';
import { afterEach, describe, expect, it } from 'vitest';
import { startClient, stopAllClients, waitForState } from './integration-helpers';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  stopAllClients();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('clock skew', () => {
  for (const skewMs of [3_600_000, -3_600_000]) {
    it(`a client clock ${skewMs > 0 ? '1 h ahead' : '1 h behind'}: right elapsed times, no false stall or silence`, async () => {
      const server = await startHeartbeatServer({ emitterOptions: { interval: 100 } });
      servers.push(server);
      server.emitter.session('a').transition('awaiting_model');
      const stateSince = server.emitter.heartbeat('a')?.stateSince;
      const environment = createTestEnvironment({ clockOffsetMs: skewMs });
      // Limits a wrong clock would cross at once, either way.
      const thresholds = { stallAfterMs: 2000, unresponsiveAfterMs: 1000 };
      const { client } = startClient({ baseUrl: server.url, thresholds }, environment);
      await waitForState(client, (s) => s.status.kind === 'live' && s.sessions.has('a'));
      // A few periodic beats later:
      const seq = client.store.getState().sessions.get('a')?.heartbeat.seq ?? 0;
      const state = await waitForState(
        client,
        (s) => (s.sessions.get('a')?.heartbeat.seq ?? 0) >= seq + 3,
      );
      expect(Math.abs(client.serverNow() - Date.now())).toBeLessThan(50);
      const entry = state.sessions.get('a');
      expect(entry?.verdict).toMatchObject({ health: 'waiting', because: 'awaiting_model' });
      expect(entry?.causeSince).toBe(stateSince);
      expect(client.serverNow() - (entry?.causeSince ?? 0)).toBeLessThan(2000);
    });
  }
});

describe('sleep', () => {
  it('a machine that slept shows sessions unknown, never unresponsive, until fresh data', async () => {
    // Both clocks are the wall clock plus `slept`: a sleep moves them together,
    // while the server (awake all along) keeps emitting.
    let slept = 0;
    const now = () => Date.now() + slept;
    const server = await startHeartbeatServer({ emitterOptions: { interval: 200, now } });
    servers.push(server);
    // States that cannot stall: after 10 minutes, only silence could flag them.
    server.emitter.session('a').transition('tool_wait', { toolName: 'approval' });
    server.emitter.session('b');
    const environment = createTestEnvironment({ now });
    const thresholds = { unresponsiveAfterMs: 1000 };
    const { client, sockets, state } = startClient(
      { baseUrl: server.url, thresholds },
      environment,
    );
    await waitForState(client, (s) => s.status.kind === 'live' && s.sessions.size === 2);

    // The client's machine sleeps 10 minutes: no timer runs, no socket is read.
    environment.freeze();
    for (const socket of sockets) socket.pause();
    slept += 10 * 60_000;
    const wokeAt = now();
    // The server stays awake: wait until it has emitted at the new time.
    await new Promise<void>((resolve) => {
      const unsubscribe = server.emitter.subscribe((event) => {
        const fresh = (heartbeat: SessionHeartbeat) => heartbeat.emittedAt >= wokeAt;
        if (event.type === 'heartbeats' && event.heartbeats.some(fresh)) {
          unsubscribe();
          resolve();
        }
      });
    });

    let falseAlarms = 0;
    client.store.subscribe((current) => {
      if (current.counts.unresponsive > 0) falseAlarms += 1;
    });
    environment.thaw(); // late timers fire, the page gets `resume`
    for (const socket of sockets) socket.resume();
    expect(state().listening).toBe(false);
    expect(state().counts).toMatchObject({ unresponsive: 0, unknown: 2 });

    const fresh = await waitForState(
      client,
      (s) =>
        s.listening &&
        s.sessions.get('a')?.heartbeat.emittedAt !== undefined &&
        (s.sessions.get('a')?.heartbeat.emittedAt ?? 0) >= wokeAt,
    );
    expect(fresh.sessions.get('a')?.health).toBe('waiting');
    expect(fresh.sessions.get('b')?.health).toBe('idle');
    expect(falseAlarms).toBe(0);
  });
});
