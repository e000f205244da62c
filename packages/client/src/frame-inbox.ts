import type { ReceivedHeartbeat, ServerFrame, SourceStatus } from '@session-heartbeat/core';

/** A heartbeat waiting to be applied, with its arrival time on the server's clock. */
export interface PendingHeartbeat {
  heartbeat: ReceivedHeartbeat;
  receivedAt: number;
}

/** Everything received since the last flush, reduced to one entry per session. */
export interface InboxBatch {
  /**
   * Set when a snapshot (or batch body) arrived: every session it does not
   * list (nor any frame after it) is dropped.
   */
  resync?: { epoch: string; interval: number; listed: ReadonlySet<string> };
  upserts: ReadonlyMap<string, PendingHeartbeat>;
  removals: ReadonlySet<string>;
  /** `serverTime` of the newest frame in the batch (pings included). */
  heardAt?: number;
  /**
   * Fleet: the newest list of sources (a `sources` frame, or a snapshot's;
   * a snapshot without one clears it: that server is no aggregator).
   */
  sources?: readonly SourceStatus[];
}

interface MutableBatch {
  resync?: { epoch: string; interval: number; listed: Set<string> };
  upserts: Map<string, PendingHeartbeat>;
  removals: Set<string>;
  heardAt?: number;
  sources?: readonly SourceStatus[];
}

/**
 * Where frames wait for the next flush (at most one a frame). It applies the ordering
 * rules of the contract as frames arrive: a new `epoch` forgets every `seq`;
 * a heartbeat whose `seq` is not above the last one seen for its session in
 * this epoch is a duplicate or out of order and is ignored. A snapshot (or a
 * batch body) resyncs every session it lists, whatever its `seq`. Pending work is
 * keyed by session, so however long the page is hidden, it never holds more
 * than one heartbeat per session.
 */
export interface FrameInbox {
  /** Takes one frame; returns how many of its heartbeats were ignored as stale (never any of a snapshot). */
  accept(frame: ServerFrame, receivedAt: number): number;
  /** Takes everything pending (or `undefined` if nothing is). */
  take(): InboxBatch | undefined;
  /** The epoch of the last snapshot accepted. */
  readonly epoch: string | undefined;
}

function emptyBatch(): MutableBatch {
  return { upserts: new Map(), removals: new Set() };
}

export function createFrameInbox(): FrameInbox {
  let epoch: string | undefined;
  /** The newest `seq` accepted per session, in `epoch`. */
  const lastSeq = new Map<string, number>();
  let pending = emptyBatch();
  let hasPending = false;

  function acceptSnapshot(frame: Extract<ServerFrame, { type: 'snapshot' }>, receivedAt: number) {
    if (frame.epoch !== epoch) lastSeq.clear();
    epoch = frame.epoch;
    const listed = new Set<string>();
    // What waited from before the snapshot is older news: the snapshot
    // replaces it, session by session.
    const previous = pending.upserts;
    pending = {
      resync: { epoch: frame.epoch, interval: frame.interval, listed },
      ...emptyBatch(),
      sources: frame.sources ?? [],
    };
    for (const heartbeat of frame.heartbeats) {
      const key = heartbeat.sessionKey;
      listed.add(key);
      if (lastSeq.get(key) === heartbeat.seq) {
        // The heartbeat we already hold, or the one still waiting to be
        // applied (two snapshots in one batch: a poll answer and the socket's).
        const waiting = previous.get(key);
        if (waiting?.heartbeat.seq === heartbeat.seq) pending.upserts.set(key, waiting);
        continue;
      }
      // A lower seq is taken too: the snapshot is the truth about what it
      // lists, even from an emitter whose seq went back (a session removed
      // and re-created while we were away), so later beats are not dropped.
      lastSeq.set(key, heartbeat.seq);
      pending.upserts.set(key, { heartbeat, receivedAt });
    }
    for (const key of lastSeq.keys()) if (!listed.has(key)) lastSeq.delete(key);
    return 0;
  }

  function acceptFrame(frame: ServerFrame, receivedAt: number): number {
    switch (frame.type) {
      case 'snapshot':
        return acceptSnapshot(frame, receivedAt);
      case 'heartbeats': {
        let ignored = 0;
        for (const heartbeat of frame.heartbeats) {
          const key = heartbeat.sessionKey;
          const last = lastSeq.get(key);
          if (last !== undefined && heartbeat.seq <= last) {
            ignored += 1;
            continue;
          }
          lastSeq.set(key, heartbeat.seq);
          pending.upserts.set(key, { heartbeat, receivedAt });
          pending.removals.delete(key);
          pending.resync?.listed.add(key);
        }
        return ignored;
      }
      case 'removed': {
        const key = frame.sessionKey;
        lastSeq.delete(key);
        pending.upserts.delete(key);
        pending.resync?.listed.delete(key);
        pending.removals.add(key);
        return 0;
      }
      case 'ping':
        return 0;
      case 'sources':
        pending.sources = frame.sources;
        return 0;
      default:
        return frame satisfies never;
    }
  }

  return {
    accept(frame, receivedAt) {
      const heardAt = Math.max(pending.heardAt ?? -Infinity, frame.serverTime);
      const ignored = acceptFrame(frame, receivedAt);
      hasPending = true;
      pending.heardAt = heardAt;
      return ignored;
    },
    take() {
      if (!hasPending) return undefined;
      const batch = pending;
      pending = emptyBatch();
      hasPending = false;
      return batch;
    },
    get epoch() {
      return epoch;
    },
  };
}
