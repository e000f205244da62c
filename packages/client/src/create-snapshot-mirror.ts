import type {
  ReceivedHeartbeat,
  ServerFrame,
  SnapshotFrame,
  SourceStatus,
} from '@session-heartbeat/core';
import type { FrameTimes } from './tab-channel';

/** The server's state as one snapshot, with the local times of the frame it was last brought up to. */
export interface MirroredSnapshot extends FrameTimes {
  frame: SnapshotFrame;
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
  /** The newest frame's times; `undefined` before any frame. */
  lastHeard(): HeardTimes | undefined;
}

/** The local times of the newest frame heard, with its server time. */
export interface HeardTimes extends FrameTimes {
  serverTime: number;
}

/**
 * Puts each heartbeat in `held` unless it holds a newer one for that
 * session: the same ordering rule as the client's inbox (an older seq is stale).
 */
export function keepNewest(
  held: Map<string, ReceivedHeartbeat>,
  heartbeats: readonly ReceivedHeartbeat[],
): void {
  for (const heartbeat of heartbeats) {
    const current = held.get(heartbeat.sessionKey);
    if (current === undefined || heartbeat.seq > current.seq) {
      held.set(heartbeat.sessionKey, heartbeat);
    }
  }
}

export function createSnapshotMirror(): SnapshotMirror {
  const heartbeats = new Map<string, ReceivedHeartbeat>();
  let run: { epoch: string; interval: number } | undefined;
  let sources: SourceStatus[] | undefined;
  let last: HeardTimes | undefined;

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
          keepNewest(heartbeats, frame.heartbeats);
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
    lastHeard: () => last,
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
