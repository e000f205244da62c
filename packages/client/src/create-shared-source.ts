import { DEFAULT_INTERVAL_MS, parseServerFrame } from '@session-heartbeat/core';
import { isConnectedStatus, sameStatus, type ConnectionStatus } from './connection-status';
import { createSnapshotMirror } from './create-snapshot-mirror';
import type { TimerHandle } from './environment';
import {
  silenceLimitMs,
  usableInterval,
  type HeartbeatSink,
  type HeartbeatSource,
  type HeartbeatSourceContext,
} from './heartbeat-source';
import {
  readTabMessage,
  type TabChannel,
  type TabChannelConstructor,
  type TabLockManager,
  type TabMessage,
} from './tab-channel';

export interface SharedSourceOptions {
  /**
   * Names the Web Lock and the BroadcastChannel: tabs with the same name
   * share one connection, so it must say which server(s) and credentials.
   */
  name: string;
  /** `navigator.locks`, or an in-memory one in tests. */
  locks: TabLockManager;
  /** `BroadcastChannel`, or an in-memory one in tests. */
  BroadcastChannel: TabChannelConstructor;
  /** What a tab reports while it waits to hear from the leader. @default 'websocket' */
  transport?: 'websocket' | 'polling' | undefined;
}

/** A random tab id; `crypto.getRandomValues` exists in insecure contexts too, unlike `randomUUID`. */
function newTabId(random: () => number): string {
  const values = new Uint32Array(2);
  if (globalThis.crypto?.getRandomValues === undefined) {
    values[0] = Math.floor(random() * 2 ** 32);
    values[1] = Math.floor(random() * 2 ** 32);
  } else globalThis.crypto.getRandomValues(values);
  return Array.from(values, (value) => value.toString(36)).join('-');
}

/**
 * One connection for every tab of an origin. The tabs elect a leader with a
 * Web Lock: the leader connects `inner` and posts every frame, status and
 * problem on a BroadcastChannel; the others (followers) deliver what it posts
 * to their own client, as if they had heard it themselves, so every tab
 * shows the same thing while the server sees one connection.
 *
 * - A tab that joins late says `hello`; the leader answers with the current
 *   state as one snapshot (its mirror of the server's), not a new request.
 * - When the leader goes (tab closed, client stopped), the browser grants
 *   the lock to another tab, which connects `inner`. A tab that was hearing
 *   the server keeps saying so while the new connection opens: the client
 *   already tolerates 2 × interval of silence before calling anything
 *   unknown, and the new connection's snapshot, posted to every tab, resyncs
 *   them all well within that. A takeover that takes longer shows as the
 *   silence it is.
 * - A follower that hears nothing for too long (the client calls `resync`)
 *   asks the leader, which answers with its snapshot while it hears the
 *   server, and reconnects otherwise.
 * - Without Web Locks or a channel (a sandboxed frame), the tab connects alone.
 *
 * Commands (fetches, history, actions) are plain requests: each tab sends its own.
 */
export function createSharedSource(
  inner: HeartbeatSource,
  options: SharedSourceOptions,
): HeartbeatSource {
  let active: { resync(): void } | undefined;

  function connect(sink: HeartbeatSink, context: HeartbeatSourceContext): () => void {
    const { environment: env, serverNow } = context;
    let channel: TabChannel;
    try {
      channel = new options.BroadcastChannel(options.name);
    } catch {
      return inner.connect(sink, context);
    }
    const tab = newTabId(env.random);
    const abort = new AbortController();
    let stopped = false;
    let role: 'follower' | 'leader' | 'alone' = 'follower';
    /** What this tab last told its client. */
    let status: ConnectionStatus | undefined;
    /** A follower applies frames only after a snapshot, as a new connection would. */
    let synced = false;
    /** Local receive times handed to the client never go back (channel delays vary). */
    let lastReceivedAt = -Infinity;
    // The leader's part.
    const mirror = createSnapshotMirror();
    let disconnectInner: (() => void) | undefined;
    let releaseLock: (() => void) | undefined;
    let innerStatus: ConnectionStatus | undefined;
    /** The new leader hides its connection's `connecting` from a tab that was hearing the server. */
    let holdConnecting = false;
    let broadcasting = true;
    let helloSinceCheck = false;
    let presenceTimer: TimerHandle | undefined;
    let lastHeardAt: number | undefined;
    let interval = DEFAULT_INTERVAL_MS;

    function post(message: TabMessage): void {
      try {
        channel.postMessage(message);
      } catch {
        // A frame that cannot be cloned, or a closed channel: followers resync by themselves.
      }
    }

    function report(next: ConnectionStatus): void {
      if (status !== undefined && sameStatus(status, next)) return;
      status = next;
      sink.status(next);
    }

    function deliver(frameData: unknown, ageMs: number, sentAgoMs: number | undefined): void {
      const read = parseServerFrame(frameData);
      if (!read.ok) {
        sink.problem({ dropped: 'frame', reason: `from the leader tab: ${read.error}` });
        return;
      }
      for (const reason of read.problems) sink.problem({ dropped: 'heartbeat', reason });
      const frame = read.value;
      if (frame.type !== 'snapshot' && !synced) return;
      if (frame.type === 'snapshot') synced = true;
      const now = env.now();
      const receivedAt = Math.max(now - ageMs, lastReceivedAt);
      lastReceivedAt = receivedAt;
      sink.frame(frame, receivedAt, sentAgoMs === undefined ? undefined : now - sentAgoMs);
    }

    function onFollowerMessage(message: TabMessage): void {
      switch (message.kind) {
        case 'frame':
          if (message.to === undefined || message.to === tab) {
            deliver(message.frame, message.ageMs, message.sentAgoMs);
          }
          return;
        case 'status':
          if (message.to === undefined || message.to === tab) report(message.status);
          return;
        case 'problem':
          sink.problem(message.problem);
          return;
        case 'hello':
        case 'resync':
          return; // for the leader
        default:
          message satisfies never;
      }
    }

    /** Whether the leader hears its server now (a live connection, a frame within the silence limit). */
    function hearing(): boolean {
      return (
        innerStatus !== undefined &&
        isConnectedStatus(innerStatus) &&
        lastHeardAt !== undefined &&
        env.now() - lastHeardAt <= silenceLimitMs(interval)
      );
    }

    /**
     * The state for one tab: the status first, then the snapshot, so the tab
     * never shows the snapshot's sessions under a status it has not heard yet.
     */
    function welcome(to: string): void {
      if (status !== undefined) post({ kind: 'status', status, to });
      const snapshot = mirror.compose();
      if (snapshot === undefined) return;
      const now = env.now();
      post({
        kind: 'frame',
        frame: snapshot.frame,
        ageMs: Math.max(0, now - snapshot.receivedAt),
        ...(snapshot.sentAt === undefined ? {} : { sentAgoMs: Math.max(0, now - snapshot.sentAt) }),
        to,
      });
    }

    function onLeaderMessage(message: TabMessage): void {
      switch (message.kind) {
        case 'hello':
          helloSinceCheck = true;
          broadcasting = true;
          welcome(message.tab);
          return;
        case 'resync':
          broadcasting = true;
          if (hearing()) welcome(message.tab);
          else inner.resync?.();
          return;
        case 'frame':
        case 'status':
        case 'problem':
          return; // only a leader posts these, and this tab holds the lock
        default:
          message satisfies never;
      }
    }

    /**
     * Whether any tab listens: tabs waiting for the lock, or one that said
     * hello since the last look. A lone tab then posts nothing, so it does
     * not pay for cloning frames nobody reads.
     */
    function checkPresence(): void {
      presenceTimer = undefined;
      options.locks.query().then(
        (locks) => {
          if (stopped || role !== 'leader') return;
          const waiting = (locks.pending ?? []).some((lock) => lock.name === options.name);
          broadcasting = waiting || helloSinceCheck;
          helloSinceCheck = false;
          presenceTimer = env.setTimeout(checkPresence, interval);
        },
        () => undefined, // cannot tell: keep posting
      );
    }

    const leaderSink: HeartbeatSink = {
      frame(frame, receivedAt, sentAt) {
        if (frame.type === 'snapshot') interval = usableInterval(frame.interval);
        lastHeardAt = receivedAt;
        mirror.accept(frame, receivedAt, sentAt);
        sink.frame(frame, receivedAt, sentAt);
        if (!broadcasting) return;
        const now = env.now();
        post({
          kind: 'frame',
          frame,
          ageMs: Math.max(0, now - receivedAt),
          ...(sentAt === undefined ? {} : { sentAgoMs: Math.max(0, now - sentAt) }),
        });
      },
      status(next) {
        innerStatus = next;
        if (holdConnecting && next.kind === 'connecting') return;
        holdConnecting = false;
        report(next);
        if (broadcasting) post({ kind: 'status', status: next });
      },
      problem(problem) {
        sink.problem(problem);
        if (broadcasting) post({ kind: 'problem', problem });
      },
    };

    function lead(): Promise<void> {
      if (stopped) return Promise.resolve();
      role = 'leader';
      holdConnecting = status !== undefined && isConnectedStatus(status);
      checkPresence();
      disconnectInner = inner.connect(leaderSink, context);
      return new Promise((resolve) => {
        releaseLock = resolve;
      });
    }

    channel.addEventListener('message', (event) => {
      if (stopped) return;
      const message = readTabMessage(event.data);
      if (message === undefined) return;
      if (role === 'leader') onLeaderMessage(message);
      else if (role === 'follower') onFollowerMessage(message);
    });
    report({
      kind: 'connecting',
      since: serverNow(),
      attempt: 1,
      transport: options.transport ?? 'websocket',
    });
    options.locks.request(options.name, { signal: abort.signal }, lead).catch(() => {
      if (stopped) return; // the request was withdrawn
      // Web Locks refused (an opaque origin, a sandboxed frame): this tab connects alone.
      role = 'alone';
      channel.close();
      disconnectInner = inner.connect(sink, context);
    });
    post({ kind: 'hello', tab });

    const connection = {
      resync() {
        if (stopped) return;
        if (role === 'follower') post({ kind: 'resync', tab });
        else inner.resync?.();
      },
    };
    active = connection;
    return () => {
      stopped = true;
      if (active === connection) active = undefined;
      abort.abort();
      if (presenceTimer !== undefined) env.clearTimeout(presenceTimer);
      disconnectInner?.();
      disconnectInner = undefined;
      releaseLock?.();
      if (role !== 'alone') channel.close();
    };
  }

  return {
    connect,
    resync: () => active?.resync(),
    ...(inner.fetchSession === undefined ? {} : { fetchSession: inner.fetchSession.bind(inner) }),
    ...(inner.history === undefined ? {} : { history: inner.history.bind(inner) }),
    ...(inner.act === undefined ? {} : { act: inner.act.bind(inner) }),
    ...(inner.actions === undefined ? {} : { actions: inner.actions.bind(inner) }),
  };
}
