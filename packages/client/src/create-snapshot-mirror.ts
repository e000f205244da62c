import type {
  ReceivedHeartbeat,
  ServerFrame,
  SnapshotFrame,
  SourceStatus,
} from '@session-heartbeat/core';

/** The server's state as one snapshot, with the local times of the frame it was last brought up to. */
export interface MirroredSnapshot {
  frame: SnapshotFrame;
  receivedAt: number;
  sentAt?: number;
}

/**
 * The last snapshot a connection received, kept current with every frame
 * since: what the server would send a new connection now. The leader tab
 * hands it to a tab that joins late, so the server is not asked again.
 */
export interface SnapshotMirror {
  accept(frame: ServerFrame, receivedAt: number, sentAt?: number): void;
  /** `undefined` until a snapshot was received. */
  compose(): MirroredSnapshot | undefined;
}

export function createSnapshotMirror(): SnapshotMirror {
  const heartbeats = new Map<string, ReceivedHeartbeat>();
  let run: { epoch: string; interval: number } | undefined;
  let sources: SourceStatus[] | undefined;
  let last: { serverTime: number; receivedAt: number; sentAt?: number } | undefined;

  return {
    accept(frame, receivedAt, sentAt) {
      switch (frame.type) {
        case 'snapshot':
          heartbeats.clear();
          for (const heartbeat of frame.heartbeats) heartbeats.set(heartbeat.sessionKey, heartbeat);
          run = { epoch: frame.epoch, interval: frame.interval };
          sources = frame.sources;
          break;
        case 'heartbeats':
          for (const heartbeat of frame.heartbeats) {
            // The same ordering rule as the client's inbox: an older seq is stale.
            const held = heartbeats.get(heartbeat.sessionKey);
            if (held === undefined || heartbeat.seq > held.seq) {
              heartbeats.set(heartbeat.sessionKey, heartbeat);
            }
          }
          break;
        case 'removed':
          heartbeats.delete(frame.sessionKey);
          break;
        case 'sources':
          sources = frame.sources;
          break;
        case 'ping':
          break;
        default:
          frame satisfies never;
      }
      last = {
        serverTime: frame.serverTime,
        receivedAt,
        ...(sentAt === undefined ? {} : { sentAt }),
      };
    },
    compose() {
      if (run === undefined || last === undefined) return undefined;
      const frame: SnapshotFrame = {
        type: 'snapshot',
        // The newest server time heard, with the local times it came at: a
        // real clock reading for the tab that takes this snapshot.
        serverTime: last.serverTime,
        epoch: run.epoch,
        interval: run.interval,
        heartbeats: [...heartbeats.values()],
        ...(sources === undefined ? {} : { sources }),
      };
      return {
        frame,
        receivedAt: last.receivedAt,
        ...(last.sentAt === undefined ? {} : { sentAt: last.sentAt }),
      };
    },
  };
}
