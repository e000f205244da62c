import { afterEach, describe, expect, it } from 'vitest';
import { startHeartbeatServer, type RunningHeartbeatServer } from './start-heartbeat-server';
import { connectTestClient, waitFor } from './test-utils/connect-test-client';
import { openSilentClient, type SilentClient } from './test-utils/open-silent-client';

// Long keys make the snapshot ≈ 7 MB: more than the kernel buffers of a
// loopback connection (≈ 4 MB), so a client that never reads keeps it in flight.
const SESSIONS = 12_000;
const PAD = 'x'.repeat(400);

let running: RunningHeartbeatServer | undefined;
const silent: SilentClient[] = [];

afterEach(async () => {
  for (const client of silent.splice(0)) client.destroy();
  await running?.close();
  running = undefined;
});

/** Periodic beats never come: only what the test emits happens. */
const NO_TIMERS = { setTimeout: () => undefined, clearTimeout: () => undefined };

async function startLoaded(options: Parameters<typeof startHeartbeatServer>[0]) {
  running = await startHeartbeatServer({ emitterOptions: { timers: NO_TIMERS }, ...options });
  const { emitter } = running;
  emitter.batch(() => {
    for (let index = 0; index < SESSIONS; index += 1) emitter.session(`agent:${PAD}:${index}`);
  });
  return running;
}

/** Opens a client that never reads and waits until the server took its hello. */
async function helloThatNeverReads(server: RunningHeartbeatServer): Promise<string> {
  const before = server.heartbeat.connectionStats().length;
  const client = await openSilentClient(server.url);
  silent.push(client);
  let status = 'awaiting_hello';
  await waitFor(() => {
    const stats = server.heartbeat.connectionStats();
    status = stats.length > before ? (stats.at(-1)?.status ?? 'closed') : status;
    return status !== 'awaiting_hello';
  }, 10_000);
  return status;
}

describe('snapshots for many hellos', () => {
  it('share one encoding among hellos with no emission between them, and make no new one while the cap is in flight', async () => {
    // A cap of 1 byte: one encoding in flight at a time, however large.
    const server = await startLoaded({ maxPendingSnapshotBytes: 1, coalesceMs: 0 });
    const statuses: string[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push(await helloThatNeverReads(server));
    // Five clients that never read hold one snapshot between them: all got it.
    expect(statuses).toEqual(['open', 'open', 'open', 'open', 'open']);

    // After an emission the next hello needs a fresh snapshot; the old one is
    // still in flight, so this client is told to try again later.
    server.emitter.get(`agent:${PAD}:0`)?.transition('streaming');
    expect(await helloThatNeverReads(server)).toBe('closing');

    // Once the readers of the old one are gone, snapshots are made again.
    for (const client of silent.splice(0)) client.destroy();
    await waitFor(() => server.heartbeat.clientCount === 0, 10_000);
    const reader = await connectTestClient(server.url);
    const snapshot = await reader.next((frame) => frame.type === 'snapshot', 10_000);
    expect(snapshot.heartbeats).toHaveLength(SESSIONS);
    expect(snapshot.heartbeats?.[0]).toMatchObject({ state: 'streaming' });
    await reader.close();
  }, 30_000);
});
