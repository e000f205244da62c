import { DEFAULT_INTERVAL_MS, parseServerFrame } from '@session-heartbeat/core';
import { isConnectedStatus, sameStatus, type ConnectionStatus } from './connection-status';
import { createBackgroundBatch } from './create-background-batch';
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
  frameMessage,
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

/** The channel of tabs in the background, beside the one named `name`. */
const backgroundChannelName = (name: string): string => `${name}:background`;

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
 * - A follower in the background (its page hidden) leaves the leader's
 *   channel for a second one, where the leader posts once a second: that
 *   second's heartbeats, newest per session, as one frame (removals,
 *   snapshots, statuses and problems at once). A hidden tab then wakes
 *   once a second, not for every frame, and its title and alerts stay
 *   right. Switching either way, the follower tells the leader and keeps
 *   both channels until the leader's answer on the background channel (a
 *   batch marked for it), so no frame falls between the two.
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
    const backgroundName = backgroundChannelName(options.name);
    let live: TabChannel | undefined;
    try {
      live = new options.BroadcastChannel(options.name);
    } catch {
      return inner.connect(sink, context);
    }
    /** Open while this tab leads, or follows from the background, or switches. */
    let background: TabChannel | undefined;
    const tab = newTabId(env.random);
    const tabLockName = (id: string): string => `${options.name}:tab:${id}`;
    const abort = new AbortController();
    let releaseTabLock: (() => void) | undefined;
    let stopped = false;
    let role: 'follower' | 'leader' | 'alone' = 'follower';
    /** Which channel a follower wants: the leader's, or the background one while its page is hidden. */
    let mode: 'live' | 'background' = 'live';
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
    /** Whether a follower may be on the leader's channel (not every one is in the background). */
    let liveFollowers = true;
    let helloSinceCheck = false;
    let presenceTimer: TimerHandle | undefined;
    let interval = DEFAULT_INTERVAL_MS;
    /** Followers in the background, by tab id. */
    const hiddenTabs = new Set<string>();

    function postOn(channel: TabChannel | undefined, message: TabMessage): void {
      try {
        channel?.postMessage(message);
      } catch {
        // A frame that cannot be cloned, or a closed channel: followers resync by themselves.
      }
    }
    const post = (message: TabMessage): void => postOn(live, message);
    /** What the leader posts to tabs in the background. */
    const toBackground = createBackgroundBatch(
      env,
      (message) => postOn(background, message),
      () => mirror.lastHeard(),
    );

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
      if (frame.type !== 'snapshot') return;
      // A snapshot in the background: maybe from a new leader, which must hear this tab is here.
      if (mode === 'background' && role === 'follower') {
        postOn(background, { kind: 'background', tab, hidden: true });
      }
      followVisibility();
    }

    /** A follower moves to the channel its page's visibility asks for. */
    function followVisibility(): void {
      if (stopped || role !== 'follower' || !synced) return;
      const wanted = env.isHidden() ? 'background' : 'live';
      if (wanted === mode) return;
      mode = wanted;
      try {
        if (wanted === 'background') background ??= new options.BroadcastChannel(backgroundName);
        else live ??= new options.BroadcastChannel(options.name);
      } catch {
        return; // keeps the channel it has
      }
      listen(background);
      listen(live);
      // Both channels stay open until the leader answers on the background one.
      postOn(background ?? live, { kind: 'background', tab, hidden: wanted === 'background' });
    }

    /** The leader's answer to a switch: the channel this follower left can close now. */
    function switched(): void {
      if (role !== 'follower') return;
      if (mode === 'background') {
        live?.close();
        live = undefined;
      } else {
        background?.close();
        background = undefined;
      }
    }

    function onFollowerMessage(message: TabMessage): void {
      switch (message.kind) {
        case 'frame':
          if (message.to === undefined || message.to === tab) {
            deliver(message.frame, message.ageMs, message.sentAgoMs);
          }
          if (message.switched === tab) switched();
          return;
        case 'status':
          if (message.to === undefined || message.to === tab) report(message.status);
          return;
        case 'problem':
          sink.problem(message.problem);
          return;
        case 'hello':
        case 'resync':
        case 'background':
          return; // for the leader
        default:
          message satisfies never;
      }
    }

    /** Whether the leader hears its server now (a live connection, a frame within the silence limit). */
    function hearing(): boolean {
      const heard = mirror.lastHeard();
      return (
        innerStatus !== undefined &&
        isConnectedStatus(innerStatus) &&
        heard !== undefined &&
        env.now() - heard.receivedAt <= silenceLimitMs(interval)
      );
    }

    /**
     * The state for one tab: the status first, then the snapshot, so the tab
     * never shows the snapshot's sessions under a status it has not heard yet.
     */
    function welcome(to: string, channel: TabChannel | undefined): void {
      if (status !== undefined) postOn(channel, { kind: 'status', status, to });
      const snapshot = mirror.compose();
      if (snapshot === undefined) return;
      postOn(channel, frameMessage(snapshot.frame, snapshot, env.now(), { to }));
    }

    function onLeaderMessage(message: TabMessage, channel: TabChannel | undefined): void {
      switch (message.kind) {
        case 'hello':
          helloSinceCheck = true;
          broadcasting = true;
          liveFollowers = true;
          welcome(message.tab, channel);
          return;
        case 'resync':
          broadcasting = true;
          liveFollowers = true;
          if (hearing()) welcome(message.tab, channel);
          else inner.resync?.();
          return;
        case 'background':
          broadcasting = true;
          if (message.hidden) {
            hiddenTabs.add(message.tab);
            // Maybe every follower is in the background now: look at once.
            if (presenceTimer !== undefined) env.clearTimeout(presenceTimer);
            checkPresence();
          } else {
            hiddenTabs.delete(message.tab);
            liveFollowers = true;
          }
          toBackground.flush(message.tab);
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
     * not pay for cloning frames nobody reads; and while every follower is
     * in the background, nothing goes on the leader's channel.
     */
    function checkPresence(): void {
      presenceTimer = undefined;
      options.locks.query().then(
        (locks) => {
          if (stopped || role !== 'leader') return;
          const followers = (locks.pending ?? []).filter(
            (lock) => lock.name === options.name,
          ).length;
          // Each tab holds a lock of its own while it lives: a tab in the
          // background that closed without a word is forgotten.
          const alive = new Set<string | undefined>((locks.held ?? []).map((lock) => lock.name));
          for (const hiddenTab of hiddenTabs) {
            if (!alive.has(tabLockName(hiddenTab))) hiddenTabs.delete(hiddenTab);
          }
          broadcasting = followers > 0 || helloSinceCheck;
          liveFollowers = followers > hiddenTabs.size;
          helloSinceCheck = false;
          presenceTimer = env.setTimeout(checkPresence, interval);
        },
        () => undefined, // cannot tell: keep posting
      );
    }

    const leaderSink: HeartbeatSink = {
      frame(frame, receivedAt, sentAt) {
        if (frame.type === 'snapshot') interval = usableInterval(frame.interval);
        mirror.accept(frame, receivedAt, sentAt);
        sink.frame(frame, receivedAt, sentAt);
        if (!broadcasting) return;
        if (liveFollowers || frame.type === 'snapshot') {
          post(frameMessage(frame, { receivedAt, sentAt }, env.now()));
        }
        // A snapshot goes to the background too: after a takeover, hidden tabs say they are there.
        if (hiddenTabs.size > 0 || frame.type === 'snapshot') toBackground.frame(frame);
      },
      status(next) {
        innerStatus = next;
        if (holdConnecting && next.kind === 'connecting') return;
        holdConnecting = false;
        report(next);
        if (!broadcasting) return;
        post({ kind: 'status', status: next });
        postOn(background, { kind: 'status', status: next });
      },
      problem(problem) {
        sink.problem(problem);
        if (!broadcasting) return;
        post({ kind: 'problem', problem });
        postOn(background, { kind: 'problem', problem });
      },
    };

    const listening = new WeakSet<TabChannel>();
    /** Hands what `channel` hears to this tab's part, once per channel. */
    function listen(channel: TabChannel | undefined): void {
      if (channel === undefined || listening.has(channel)) return;
      listening.add(channel);
      channel.addEventListener('message', (event) => {
        if (stopped) return;
        const message = readTabMessage(event.data);
        if (message === undefined) return;
        if (role === 'leader') onLeaderMessage(message, channel);
        else if (role === 'follower') onFollowerMessage(message);
      });
    }

    function lead(): Promise<void> {
      if (stopped) return Promise.resolve();
      role = 'leader';
      // The leader hears and posts on both channels.
      try {
        live ??= new options.BroadcastChannel(options.name);
        background ??= new options.BroadcastChannel(backgroundName);
      } catch {
        // Posts on a missing channel are dropped: followers resync by themselves.
      }
      listen(live);
      listen(background);
      holdConnecting = status !== undefined && isConnectedStatus(status);
      checkPresence();
      disconnectInner = inner.connect(leaderSink, context);
      return new Promise((resolve) => {
        releaseLock = resolve;
      });
    }

    listen(live);
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
      live?.close();
      background?.close();
      disconnectInner = inner.connect(sink, context);
    });
    post({ kind: 'hello', tab });
    // Held while this tab lives (the browser releases it with the tab): how
    // the leader tells a tab in the background from one that is gone.
    options.locks
      .request(tabLockName(tab), { signal: abort.signal }, () => {
        if (stopped) return Promise.resolve();
        return new Promise<void>((resolve) => {
          releaseTabLock = resolve;
        });
      })
      .catch(() => undefined); // no lock, no matter: it only prunes the leader's list
    const unsubscribeVisibility = env.onVisibilityChange(followVisibility);

    const connection = {
      resync() {
        if (stopped) return;
        if (role === 'follower') postOn(live ?? background, { kind: 'resync', tab });
        else inner.resync?.();
      },
    };
    active = connection;
    return () => {
      stopped = true;
      if (active === connection) active = undefined;
      unsubscribeVisibility();
      abort.abort();
      if (presenceTimer !== undefined) env.clearTimeout(presenceTimer);
      toBackground.stop();
      disconnectInner?.();
      disconnectInner = undefined;
      releaseLock?.();
      releaseTabLock?.();
      if (role !== 'alone') {
        live?.close();
        background?.close();
      }
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
