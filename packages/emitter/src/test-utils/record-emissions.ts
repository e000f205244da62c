import type { SessionHeartbeat } from '@session-heartbeat/core';
import type { HubEvent } from '@session-heartbeat/core';
import type { HeartbeatEmitter } from '../types';

/** What an emitter delivered to its subscribers, from now on. */
export interface EmissionRecord {
  /** Every event, in order. */
  events: HubEvent[];
  /** Every heartbeat emitted, in order. */
  beats: SessionHeartbeat[];
  /** The key of every session removed, in order. */
  removed: string[];
}

/** Subscribes to `emitter` and records what it delivers (for tests and replays). */
export function recordEmissions(emitter: HeartbeatEmitter): EmissionRecord {
  const record: EmissionRecord = { events: [], beats: [], removed: [] };
  emitter.subscribe((event) => {
    record.events.push(event);
    if (event.type === 'heartbeats') record.beats.push(...event.heartbeats);
    else record.removed.push(event.sessionKey);
  });
  return record;
}
