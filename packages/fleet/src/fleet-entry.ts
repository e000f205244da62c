import type { SessionHeartbeat } from '@session-heartbeat/core';

/**
 * One entry of a source's event stream, as the publisher writes it. Every
 * entry carries the run's `epoch` and a counter `n` (+1 per entry in that
 * run): a reader that sees a gap (trimmed past it, or entries lost while it
 * was away) resyncs that source from its hash instead of trusting the gap.
 *
 * - `batch`: heartbeats and removals that happened together, newest per session.
 * - `reset`: the publisher rewrote the hash (a new run, or back after an
 *   outage): read the hash again.
 */
export type FleetEntry =
  | {
      type: 'batch';
      epoch: string;
      n: number;
      heartbeats: SessionHeartbeat[];
      removed: string[];
    }
  | { type: 'reset'; epoch: string; n: number };

/** The stream entry's fields (Redis stream values are strings). */
export function encodeEntry(entry: FleetEntry): Record<string, string> {
  const head = { t: entry.type, e: entry.epoch, n: String(entry.n) };
  if (entry.type === 'reset') return head;
  return { ...head, hb: JSON.stringify(entry.heartbeats), rm: JSON.stringify(entry.removed) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A heartbeat read back from Redis: only what the aggregator relies on is checked. */
export function isStoredHeartbeat(value: unknown): value is SessionHeartbeat {
  return (
    isObject(value) &&
    typeof value.sessionKey === 'string' &&
    typeof value.seq === 'number' &&
    typeof value.emittedAt === 'number'
  );
}

/** Reads an entry back, or a reason (another writer, a newer format): the reader resyncs then. */
export function decodeEntry(
  fields: Record<string, string>,
): { ok: true; entry: FleetEntry } | { ok: false; error: string } {
  const { t, e, n } = fields;
  const count = Number(n);
  if (typeof e !== 'string' || e === '' || !Number.isSafeInteger(count) || count < 1) {
    return { ok: false, error: 'entry without an epoch and counter' };
  }
  if (t === 'reset') return { ok: true, entry: { type: 'reset', epoch: e, n: count } };
  if (t !== 'batch') return { ok: false, error: `unknown entry type ${JSON.stringify(t)}` };
  try {
    const heartbeats: unknown = JSON.parse(fields.hb ?? '[]');
    const removed: unknown = JSON.parse(fields.rm ?? '[]');
    if (!Array.isArray(heartbeats) || !Array.isArray(removed)) {
      return { ok: false, error: 'batch entry without lists' };
    }
    return {
      ok: true,
      entry: {
        type: 'batch',
        epoch: e,
        n: count,
        heartbeats: heartbeats.filter(isStoredHeartbeat),
        removed: removed.filter((key): key is string => typeof key === 'string'),
      },
    };
  } catch {
    return { ok: false, error: 'batch entry that is not JSON' };
  }
}

/** A source's meta hash, as the publisher writes it at every reset and beat. */
export interface SourceMeta {
  epoch: string;
  interval: number;
  /** The actions the gateway's host supports (`restart`, …). */
  actions: string[];
}

export function encodeMeta(meta: SourceMeta): Record<string, string> {
  return {
    epoch: meta.epoch,
    interval: String(meta.interval),
    actions: JSON.stringify(meta.actions),
  };
}

export function decodeMeta(fields: Record<string, string>): SourceMeta | undefined {
  const interval = Number(fields.interval);
  if (fields.epoch === undefined || !Number.isFinite(interval)) return undefined;
  let actions: unknown;
  try {
    actions = JSON.parse(fields.actions ?? '[]');
  } catch {
    actions = [];
  }
  return {
    epoch: fields.epoch,
    interval,
    actions: Array.isArray(actions)
      ? actions.filter((action): action is string => typeof action === 'string')
      : [],
  };
}

/** One action asked for a session, on the source's command stream. */
export interface FleetCommand {
  /** The session's key on its gateway (without the `<source>/` prefix). */
  sessionKey: string;
  action: string;
}
