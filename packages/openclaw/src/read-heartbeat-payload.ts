import { parseServerFrame, type ServerFrame } from '@session-heartbeat/core';
import { isRecord } from './read-gateway-payloads';

export type HeartbeatPayloadRead =
  | { ok: true; frame: ServerFrame; epoch: string | undefined; problems: readonly string[] }
  | { ok: false; reason: string };

/**
 * Reads the payload of a `session.heartbeat` event (or of the snapshot
 * answer) with the contract's own parser: a frame of the contract, plus
 * the emitter's `epoch` when the payload carries it.
 */
export function readHeartbeatPayload(payload: unknown): HeartbeatPayloadRead {
  const read = parseServerFrame(payload);
  if (!read.ok) return { ok: false, reason: `session.heartbeat: ${read.error}` };
  const epoch =
    isRecord(payload) && typeof payload.epoch === 'string' && payload.epoch.length > 0
      ? payload.epoch
      : undefined;
  return { ok: true, frame: read.value, epoch, problems: read.problems };
}
