import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionHeartbeat } from '@session-heartbeat/core';
import {
  createFakeTabs,
  createFakeWebSocket,
  createTestEnvironment,
  makeHeartbeat,
  T0,
  type FakeSocket,
  type FakeTab,
} from './test-utils';
import { createHeartbeatClient } from './create-heartbeat-client';
import type { HeartbeatClient } from './heartbeat-client';
import type { SourceProblem } from './heartbeat-source';
import { sharedConnectionName } from './shared-connection';

const BASE_URL = 'http://127.0.0.1:4317';
const CHANNEL = sharedConnectionName([BASE_URL], 'websocket', undefined);
const INTERVAL_MS = 5000;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

interface Tab {
  browserTab: FakeTab;
  environment: ReturnType<typeof createTestEnvironment>;
  client: HeartbeatClient;
  problems: SourceProblem[];
  /** Every status kind, `listening` and health this tab's store went through, in order. */
  seen: string[];
  health(key: string): string | undefined;
  seq(key: string): number | undefined;
}

/** Tabs of one origin, each with its own client, against one fake server. */
function setup() {
  const browser = createFakeTabs();
  const server = createFakeWebSocket();
  const tabs: Tab[] = [];

  function openTab(options: { clockOffsetMs?: number } = {}): Tab {
    const browserTab = browser.open();
    const problems: SourceProblem[] = [];
    const environment = createTestEnvironment({ clockOffsetMs: options.clockOffsetMs ?? 0 });
    const client = createHeartbeatClient({
      baseUrl: BASE_URL,
      WebSocket: server.WebSocket,
      fetch: () => Promise.reject(new Error('no HTTP in this test')),
      environment,
      transport: 'websocket',
      shareConnection: browserTab,
      onProblem: (problem) => problems.push(problem),
    });
    const seen: string[] = [];
    client.store.subscribe((state) => {
      const healths = [...state.sessions.values()].map(
        (entry) => `${entry.heartbeat.sessionKey}=${entry.health}`,
      );
      const line = `${state.status.kind} listening=${state.listening} ${healths.join(' ')}`;
      if (seen.at(-1) !== line) seen.push(line);
    });
    client.start();
    const tab: Tab = {
      browserTab,
      environment,
      client,
      problems,
      seen,
      health: (key) => client.store.getState().sessions.get(key)?.health,
      seq: (key) => client.store.getState().sessions.get(key)?.heartbeat.seq,
    };
    tabs.push(tab);
    return tab;
  }

  /** Sockets the client has not closed (the test's server never closes one here). */
  const openSockets = (): FakeSocket[] =>
    server.sockets.filter((socket) => socket.closedByClient === undefined);

  function serve(socket: FakeSocket, heartbeats: SessionHeartbeat[], epoch = 'run-1'): void {
    socket.open();
    socket.receive({
      type: 'snapshot',
      serverTime: Date.now(),
      epoch,
      interval: INTERVAL_MS,
      heartbeats,
    });
  }

  function beat(socket: FakeSocket, ...heartbeats: SessionHeartbeat[]): void {
    socket.receive({ type: 'heartbeats', serverTime: Date.now(), heartbeats });
  }

  /** Lets tasks, channel messages and animation frames run. */
  const settle = async (ms = 50): Promise<void> => {
    await vi.advanceTimersByTimeAsync(ms);
  };

  return { browser, server, tabs, openTab, openSockets, serve, beat, settle };
}

const hb = (sessionKey: string, seq: number, fields: Partial<SessionHeartbeat> = {}) =>
  makeHeartbeat({ sessionKey, seq, at: Date.now(), ...fields });

describe('createSharedSource: one connection for every tab', () => {
  it('elects one leader: three tabs, one socket, and every tab shows the snapshot', async () => {
    const { openTab, openSockets, serve, settle } = setup();
    const tabs = [openTab(), openTab(), openTab()];
    await settle();
    expect(openSockets()).toHaveLength(1);
    serve(openSockets()[0] as FakeSocket, [hb('a', 1), hb('b', 1, { state: 'streaming' })]);
    await settle();
    for (const tab of tabs) {
      expect(tab.client.store.getState()).toMatchObject({ hasSnapshot: true, listening: true });
      expect(tab.client.store.getState().status.kind).toBe('live');
      expect(tab.health('a')).toBe('idle');
      expect(tab.health('b')).toBe('active');
    }
  });

  it('fans every frame out: heartbeats and removals reach every tab', async () => {
    const { openTab, openSockets, serve, beat, settle } = setup();
    const tabs = [openTab(), openTab(), openTab()];
    await settle();
    const socket = openSockets()[0] as FakeSocket;
    serve(socket, [hb('a', 1), hb('b', 1)]);
    await settle();
    beat(socket, hb('a', 2, { state: 'tool_exec', toolName: 'exec' }));
    socket.receive({ type: 'removed', serverTime: Date.now(), sessionKey: 'b' });
    await settle();
    for (const tab of tabs) {
      expect(tab.seq('a')).toBe(2);
      expect(tab.health('a')).toBe('active');
      expect(tab.client.store.getState().sessions.has('b')).toBe(false);
    }
    expect(openSockets()).toHaveLength(1);
  });

  it('a tab that joins late gets the current state from the leader, not from the server', async () => {
    const { openTab, openSockets, serve, beat, settle } = setup();
    const first = openTab();
    await settle();
    const socket = openSockets()[0] as FakeSocket;
    serve(socket, [hb('a', 1), hb('b', 1), hb('c', 1)]);
    await settle();
    beat(socket, hb('a', 2, { state: 'streaming' }));
    socket.receive({ type: 'removed', serverTime: Date.now(), sessionKey: 'c' });
    await settle(1000);

    const late = openTab();
    await settle();
    expect(openSockets()).toHaveLength(1);
    expect(late.client.store.getState()).toMatchObject({ hasSnapshot: true, listening: true });
    expect(late.client.store.getState().status.kind).toBe('live');
    expect([...late.client.store.getState().sessions.keys()].sort()).toEqual(['a', 'b']);
    expect(late.seq('a')).toBe(2);
    expect(late.health('a')).toBe(first.health('a'));
    beat(socket, hb('b', 2, { state: 'awaiting_model' }));
    await settle();
    expect(late.health('b')).toBe('waiting');
  });

  it('a follower whose clock is off still reads the server clock right', async () => {
    const { openTab, openSockets, serve, settle } = setup();
    openTab();
    const skewed = openTab({ clockOffsetMs: -120_000 });
    await settle();
    // In tool_exec for 20 s: active (the stall limit is 30 s). Read with the
    // skewed clock uncorrected, it would look 2 minutes younger; with a
    // correction taken from the leader's clock instead of its own, 2 minutes older.
    serve(openSockets()[0] as FakeSocket, [
      hb('a', 1, { state: 'tool_exec', toolName: 'exec', stateSince: Date.now() - 20_000 }),
    ]);
    await settle();
    expect(Math.abs(skewed.client.serverNow() - Date.now())).toBeLessThan(100);
    expect(skewed.health('a')).toBe('active');
    const socket = openSockets()[0] as FakeSocket;
    for (let step = 0; step < 4; step += 1) {
      await settle(2000);
      socket.receive({ type: 'ping', serverTime: Date.now() });
    }
    await settle(1000);
    expect(skewed.health('a')).toBe('active'); // 29 s
    await settle(1100);
    expect(skewed.health('a')).toBe('stalled'); // 30.1 s
  });

  it('the leader closes: another tab takes over and resyncs, and no tab raises a false alarm', async () => {
    const { openTab, openSockets, serve, beat, settle } = setup();
    const [leader, second, third] = [openTab(), openTab(), openTab()] as [Tab, Tab, Tab];
    await settle();
    const first = openSockets()[0] as FakeSocket;
    serve(first, [hb('a', 1, { state: 'streaming', lastTokenAt: Date.now() }), hb('b', 1)]);
    await settle(2000);
    beat(first, hb('a', 2, { state: 'streaming', lastTokenAt: Date.now() }));
    await settle();
    const before = second.seen.length;

    leader.browserTab.close();
    leader.client.stop();
    await settle(100);
    expect(openSockets()).toHaveLength(1);
    const next = openSockets()[0] as FakeSocket;
    expect(next).not.toBe(first);
    // The new connection takes a few seconds (a slow server), within 2 × interval.
    await settle(4000);
    serve(next, [hb('a', 3, { state: 'streaming', lastTokenAt: Date.now() }), hb('b', 1)]);
    await settle();
    beat(next, hb('b', 2, { state: 'awaiting_model' }));
    await settle();

    for (const tab of [second, third]) {
      expect(tab.client.store.getState().status.kind).toBe('live');
      expect(tab.seq('a')).toBe(3);
      expect(tab.health('b')).toBe('waiting');
    }
    // What the followers showed during the handover: live and listening throughout.
    for (const line of [...second.seen.slice(before), ...third.seen.slice(before)]) {
      expect(line).toMatch(/^live listening=true /);
      expect(line).not.toMatch(/unknown|unresponsive/);
    }
  });

  it('a takeover that cannot reach the server shows as the outage it is', async () => {
    const { openTab, openSockets, serve, settle } = setup();
    const [leader, second] = [openTab(), openTab()] as [Tab, Tab];
    await settle();
    serve(openSockets()[0] as FakeSocket, [hb('a', 1)]);
    await settle();
    leader.browserTab.close();
    leader.client.stop();
    await settle(100);
    (openSockets()[0] as FakeSocket).refuse();
    await settle();
    expect(second.client.store.getState().status.kind).toBe('reconnecting');
    expect(second.health('a')).toBe('unknown');
  });

  it('ignores bad messages on the channel: every tab carries on as before', async () => {
    const { browser, openTab, openSockets, serve, beat, settle } = setup();
    const tabs = [openTab(), openTab()];
    await settle();
    const socket = openSockets()[0] as FakeSocket;
    serve(socket, [hb('a', 1, { state: 'streaming', lastTokenAt: Date.now() })]);
    await settle();
    const rogue = new (browser.open().BroadcastChannel)(CHANNEL);
    for (const message of [
      'not an object',
      null,
      { kind: 'status', status: { kind: 'reconnecting', since: Date.now() } },
      { kind: 'status', status: { kind: 'exploded', since: Date.now() } },
      { kind: 'frame', frame: { type: 'snapshot', serverTime: Date.now() }, ageMs: 0 },
      { kind: 'frame', frame: { type: 'heartbeats', serverTime: 1, heartbeats: [] }, ageMs: -5 },
      { kind: 'problem', problem: { dropped: 'everything' } },
      { kind: 'hello' },
      { kind: 'resync', tab: 42 },
    ]) {
      rogue.postMessage(message);
    }
    await settle();
    for (const tab of tabs) {
      expect(tab.client.store.getState()).toMatchObject({ listening: true, hasSnapshot: true });
      expect(tab.client.store.getState().status.kind).toBe('live');
      expect(tab.health('a')).toBe('active');
    }
    // The one well-formed message with a bad frame inside: dropped, and said so, by the follower it reached.
    expect(tabs[1]?.problems).toEqual([
      { dropped: 'frame', reason: expect.stringContaining('from the leader tab') as string },
    ]);
    expect(tabs[0]?.problems).toEqual([]);
    beat(socket, hb('a', 2, { state: 'streaming', lastTokenAt: Date.now() }));
    await settle();
    for (const tab of tabs) expect(tab.seq('a')).toBe(2);
    expect(openSockets()).toHaveLength(1);
  });

  it('a lone tab posts nothing on the channel: nobody pays for clones nobody reads', async () => {
    const { browser, openTab, openSockets, serve, beat, settle } = setup();
    openTab();
    await settle();
    const heard: unknown[] = [];
    // A listener that is no tab of ours (it neither waits for the lock nor says hello).
    new (browser.open().BroadcastChannel)(CHANNEL).addEventListener('message', (event) =>
      heard.push(event.data),
    );
    const socket = openSockets()[0] as FakeSocket;
    serve(socket, [hb('a', 1)]);
    beat(socket, hb('a', 2));
    await settle();
    expect(heard).toEqual([]);

    openTab();
    await settle();
    beat(socket, hb('a', 3));
    await settle();
    expect(heard).toContainEqual(expect.objectContaining({ kind: 'frame' }));
  });

  it("a follower's reconnect asks the leader: its snapshot while it hears the server, a new connection when it does not", async () => {
    const { openTab, openSockets, serve, beat, settle } = setup();
    const [, follower] = [openTab(), openTab()] as [Tab, Tab];
    await settle();
    const socket = openSockets()[0] as FakeSocket;
    serve(socket, [hb('a', 1)]);
    await settle();
    beat(socket, hb('a', 2));
    await settle();
    const framesBefore = follower.client.store.getState().stats.framesReceived;
    follower.client.reconnect();
    await settle();
    // Answered from the leader's snapshot: one more frame, no new connection.
    expect(follower.client.store.getState().stats.framesReceived).toBe(framesBefore + 1);
    expect(openSockets()).toEqual([socket]);
    expect(follower.seq('a')).toBe(2);

    // The server refuses the token: nothing is retried until someone asks.
    socket.close(4401, 'unauthorized');
    await settle();
    expect(follower.client.store.getState().status.kind).toBe('unauthorized');
    follower.client.reconnect();
    await settle();
    expect(openSockets()).toHaveLength(1);
    expect(openSockets()[0]).not.toBe(socket);
  });

  it('a tab in the background wakes once a second, not for every frame, and is current the moment it is shown', async () => {
    const { openTab, openSockets, serve, beat, settle } = setup();
    const [, hidden, shown] = [openTab(), openTab(), openTab()] as [Tab, Tab, Tab];
    await settle();
    const socket = openSockets()[0] as FakeSocket;
    serve(socket, [hb('a', 1, { state: 'streaming', lastTokenAt: Date.now() }), hb('b', 1)]);
    await settle();
    hidden.environment.setHidden(true);
    await settle(1000);
    const before = {
      hidden: hidden.browserTab.messagesHeard(),
      shown: shown.browserTab.messagesHeard(),
    };
    const seenBefore = hidden.seen.length;

    // Ten seconds of a busy server: a frame every 50 ms.
    let seq = 1;
    for (let step = 0; step < 200; step += 1) {
      if (step % 2 === 0) seq += 1;
      beat(
        socket,
        hb(step % 2 === 0 ? 'a' : 'b', seq, { state: 'streaming', lastTokenAt: Date.now() }),
      );
      await settle(50);
    }
    const heard = {
      hidden: hidden.browserTab.messagesHeard() - before.hidden,
      shown: shown.browserTab.messagesHeard() - before.shown,
    };
    expect(heard.shown).toBeGreaterThanOrEqual(200);
    // One batch a second (and nothing else: no status changed).
    expect(heard.hidden).toBeGreaterThanOrEqual(9);
    expect(heard.hidden).toBeLessThanOrEqual(11);
    // Within a second of the leader all along: live, and never a false alarm.
    expect(hidden.seq('a')).toBeGreaterThanOrEqual(seq - 20);
    for (const line of hidden.seen.slice(seenBefore)) {
      expect(line).toBe('live listening=true a=active b=active');
    }

    // A tool call starts, and the page is shown 10 ms later: the tab shows it
    // at once, not when the next batch is due.
    beat(socket, hb('a', seq + 1, { state: 'tool_exec', toolName: 'exec' }));
    await settle(10);
    hidden.environment.setHidden(false);
    await settle(20);
    expect(hidden.seq('a')).toBe(seq + 1);
    expect(hidden.client.store.getState().sessions.get('a')?.heartbeat.toolName).toBe('exec');
    // And it follows every frame again.
    beat(socket, hb('b', seq + 1, { state: 'awaiting_model' }));
    await settle(20);
    expect(hidden.health('b')).toBe('waiting');
    const shownAgain = hidden.browserTab.messagesHeard();
    for (let step = 0; step < 10; step += 1) {
      beat(socket, hb('b', seq + 2 + step, { state: 'awaiting_model' }));
      await settle(50);
    }
    expect(hidden.browserTab.messagesHeard() - shownAgain).toBe(10);
    expect(openSockets()).toEqual([socket]);
  });

  it('a tab hidden as it opens, or when the leader changes, still hears the leader', async () => {
    const { openTab, openSockets, serve, beat, settle } = setup();
    const leader = openTab();
    await settle();
    const first = openSockets()[0] as FakeSocket;
    serve(first, [hb('a', 1), hb('b', 1)]);
    await settle();
    const second = openTab();
    const hidden = openTab();
    hidden.environment.setHidden(true);
    // The leader's state reaches it over the channel; a hidden page applies within 100 ms of that.
    await settle(200);
    expect(hidden.seq('a')).toBe(1);
    beat(first, hb('a', 2, { state: 'streaming', lastTokenAt: Date.now() }));
    await settle(1200);
    expect(hidden.health('a')).toBe('active');

    leader.browserTab.close();
    leader.client.stop();
    await settle(100);
    const next = openSockets()[0] as FakeSocket;
    expect(next).not.toBe(first);
    serve(next, [hb('a', 3, { state: 'streaming', lastTokenAt: Date.now() }), hb('b', 1)]);
    // A hidden page applies what it hears every 100 ms (no animation frames there).
    await settle(200);
    expect(hidden.seq('a')).toBe(3);
    // The new leader learned that a tab is in the background: batches reach it.
    beat(next, hb('b', 2, { state: 'awaiting_model' }));
    await settle(1200);
    expect(hidden.health('b')).toBe('waiting');
    expect(second.health('b')).toBe('waiting');

    // The hidden tab leads next: it connects, and the tab that is shown follows it live.
    second.browserTab.close();
    second.client.stop();
    await settle(100);
    const third = openSockets()[0] as FakeSocket;
    expect(third).not.toBe(next);
    serve(third, [hb('a', 4, { state: 'tool_exec', toolName: 'exec' }), hb('b', 2)]);
    await settle(200);
    expect(hidden.seq('a')).toBe(4);
    const late = openTab();
    await settle();
    beat(third, hb('b', 3, { state: 'streaming', lastTokenAt: Date.now() }));
    await settle();
    expect(late.seq('a')).toBe(4);
    expect(late.health('b')).toBe('active');
  });

  it('while every follower is in the background the leader posts nothing per frame, and a tab that closed there is forgotten', async () => {
    const { browser, openTab, openSockets, serve, beat, settle } = setup();
    openTab();
    const hidden = openTab();
    await settle();
    const socket = openSockets()[0] as FakeSocket;
    serve(socket, [hb('a', 1), hb('b', 1)]);
    await settle();
    const onLeaderChannel: unknown[] = [];
    new (browser.open().BroadcastChannel)(CHANNEL).addEventListener('message', (event) =>
      onLeaderChannel.push(event.data),
    );
    hidden.environment.setHidden(true);
    await settle(100);
    onLeaderChannel.length = 0;
    for (let seq = 2; seq < 22; seq += 1) {
      beat(socket, hb('a', seq));
      await settle(50);
    }
    expect(onLeaderChannel).toEqual([]);
    // The last batch is due within a second; the hidden page applies it within 100 ms.
    await settle(1200);
    expect(hidden.seq('a')).toBe(21);

    // A tab that is shown joins; then the hidden one closes without a word:
    // the shown one keeps hearing every frame.
    const shown = openTab();
    await settle();
    hidden.browserTab.close();
    await settle(INTERVAL_MS + 100);
    for (let seq = 22; seq < 25; seq += 1) {
      beat(socket, hb('a', seq));
      await settle(50);
      expect(shown.seq('a')).toBe(seq);
    }
  });

  it("batches still go out while the leader's timers are held (a hidden leader is throttled too)", async () => {
    const { openTab, openSockets, serve, beat, settle } = setup();
    const leader = openTab();
    const hidden = openTab();
    await settle();
    const socket = openSockets()[0] as FakeSocket;
    serve(socket, [hb('a', 1)]);
    await settle();
    hidden.environment.setHidden(true);
    await settle(100);
    leader.environment.freeze();
    for (let seq = 2; seq < 42; seq += 1) {
      beat(socket, hb('a', seq));
      await settle(50);
    }
    // Two seconds of frames: the batches went out with the frames, not on the held timer.
    expect(hidden.seq('a')).toBeGreaterThanOrEqual(20);
  });

  it('without Web Locks (a sandboxed frame), a tab connects on its own', async () => {
    const { openSockets, server, settle } = setup();
    const refusing: FakeTab = {
      ...createFakeTabs().open(),
      locks: {
        request: () => Promise.reject(new DOMException('no locks here', 'SecurityError')),
        query: () => Promise.resolve({}),
      },
    };
    const client = createHeartbeatClient({
      baseUrl: BASE_URL,
      WebSocket: server.WebSocket,
      environment: createTestEnvironment(),
      transport: 'websocket',
      shareConnection: refusing,
    });
    client.start();
    await settle();
    expect(openSockets()).toHaveLength(1);
    client.stop();
  });

  it('is off by default for a client given its own WebSocket or environment: each connects alone', async () => {
    const { server, settle, openSockets } = setup();
    for (let index = 0; index < 2; index += 1) {
      createHeartbeatClient({
        baseUrl: BASE_URL,
        WebSocket: server.WebSocket,
        environment: createTestEnvironment(),
        transport: 'websocket',
      }).start();
    }
    await settle();
    expect(openSockets()).toHaveLength(2);
  });
});
