import type { ReceivedHeartbeat, ServerFrame, SourceStatus } from '@session-heartbeat/core';
import type { HeartbeatSink, HeartbeatSource } from '@session-heartbeat/react';

export interface FleetSource {
  source: HeartbeatSource;
  /** The aggregator stops hearing `id` (its sessions turn `unknown`), or hears it again. */
  setReachable(id: string, reachable: boolean, serverTime: number): void;
}

/**
 * An in-page source seen through a pretend aggregator: each heartbeat gets
 * the `source` that `sourceOf` names and a `<source>/<key>` key, snapshots
 * list the sources, and a story can make one unreachable (a `sources` frame),
 * as the fleet aggregator does.
 */
export function asFleet(
  inner: HeartbeatSource,
  sourceOf: (sessionKey: string) => string,
): FleetSource {
  const statuses = new Map<string, SourceStatus>();
  let sinkNow: HeartbeatSink | undefined;

  function tag(heartbeat: ReceivedHeartbeat): ReceivedHeartbeat {
    const id = sourceOf(heartbeat.sessionKey);
    if (!statuses.has(id)) statuses.set(id, { id, status: 'live', lastSeenAt: 0, sessions: 0 });
    return { ...heartbeat, source: id, sessionKey: `${id}/${heartbeat.sessionKey}` };
  }
  function list(): SourceStatus[] {
    return [...statuses.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
  function rewrite(frame: ServerFrame): ServerFrame {
    switch (frame.type) {
      case 'snapshot': {
        const heartbeats = frame.heartbeats.map(tag);
        for (const status of statuses.values()) {
          status.sessions = heartbeats.filter((beat) => beat.source === status.id).length;
          status.lastSeenAt = frame.serverTime;
        }
        return { ...frame, heartbeats, sources: list() };
      }
      case 'heartbeats': {
        // An unreachable source's heartbeats do not reach the aggregator.
        const heard = frame.heartbeats
          .map(tag)
          .filter((beat) => statuses.get(beat.source ?? '')?.status !== 'unreachable');
        return { ...frame, heartbeats: heard };
      }
      case 'removed':
        return { ...frame, sessionKey: `${sourceOf(frame.sessionKey)}/${frame.sessionKey}` };
      default:
        return frame;
    }
  }

  const source: HeartbeatSource = {
    ...inner,
    connect(sink, context) {
      sinkNow = sink;
      return inner.connect(
        { ...sink, frame: (frame, ...rest) => sink.frame(rewrite(frame), ...rest) },
        context,
      );
    },
    act: (sessionKey, action) =>
      inner.act?.(sessionKey.slice(sessionKey.indexOf('/') + 1), action) ?? Promise.resolve(),
  };
  return {
    source,
    setReachable(id, reachable, serverTime) {
      const status = statuses.get(id);
      if (status === undefined) throw new Error(`No source ${id} in this fleet.`);
      if (reachable) {
        status.status = 'live';
        delete status.reason;
        status.lastSeenAt = serverTime;
      } else {
        status.status = 'unreachable';
        status.reason = 'silent';
      }
      sinkNow?.frame({ type: 'sources', serverTime, sources: list() }, Date.now());
    },
  };
}
