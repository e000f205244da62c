import {
  SESSION_KEY_MAX_LENGTH,
  type HubEvent,
  type SessionHeartbeat,
} from '@session-heartbeat/core';

/** One session as the aggregator holds it: the gateway's heartbeat and the one it relays. */
interface HeldSession {
  /** The gateway's run the heartbeat belongs to. */
  epoch: string;
  /** As the gateway emitted it. */
  original: SessionHeartbeat;
  /** As clients get it: `<source>/<key>`, `source`, and the aggregator's own `seq`. */
  relayed: SessionHeartbeat;
}

/** The fleet's key of a gateway's session. */
export function fleetKey(source: string, sessionKey: string): string {
  return `${source}/${sessionKey}`;
}

/** A fleet key split at its first `/` into its source and the gateway's key. */
export function splitFleetKey(key: string): { source: string; sessionKey: string } | undefined {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return undefined;
  return { source: key.slice(0, slash), sessionKey: key.slice(slash + 1) };
}

/**
 * Every session of every source, keyed `<source>/<key>`, with the events
 * that changes make for the hub's subscribers. `seq` is the aggregator's own
 * per session (+1 per relayed heartbeat, or more when heartbeats were
 * missed), so a gateway that restarts (its `seq` starts over) never looks
 * like old news to a client, and the aggregator's `epoch` stays one.
 */
export class FleetSessions {
  readonly #bySource = new Map<string, Map<string, HeldSession>>();
  readonly #emit: (event: HubEvent) => void;
  readonly #onProblem: (message: string) => void;
  /** Heartbeats waiting to go out as one event. */
  #batch: SessionHeartbeat[] = [];

  constructor(emit: (event: HubEvent) => void, onProblem: (message: string) => void) {
    this.#emit = emit;
    this.#onProblem = onProblem;
  }

  /** How many sessions a source lists. */
  count(source: string): number {
    return this.#bySource.get(source)?.size ?? 0;
  }

  snapshot(): SessionHeartbeat[] {
    const all: SessionHeartbeat[] = [];
    for (const sessions of this.#bySource.values()) {
      for (const held of sessions.values()) all.push(held.relayed);
    }
    return all;
  }

  heartbeat(key: string): SessionHeartbeat | undefined {
    const split = splitFleetKey(key);
    if (split === undefined) return undefined;
    return this.#bySource.get(split.source)?.get(split.sessionKey)?.relayed;
  }

  has(source: string, sessionKey: string): boolean {
    return this.#bySource.get(source)?.has(sessionKey) ?? false;
  }

  /**
   * A heartbeat of `source`'s run `epoch`; ignored when not newer than the
   * one held, or (`fromHash`: the hash is the truth about what it lists, even
   * a session removed and re-created meanwhile) when it is the one held.
   */
  upsert(source: string, epoch: string, heartbeat: SessionHeartbeat, fromHash = false): void {
    let sessions = this.#bySource.get(source);
    if (sessions === undefined) this.#bySource.set(source, (sessions = new Map()));
    const held = sessions.get(heartbeat.sessionKey);
    const sameRun = held?.epoch === epoch;
    if (held !== undefined && sameRun) {
      const seen = fromHash
        ? heartbeat.seq === held.original.seq
        : heartbeat.seq <= held.original.seq;
      if (seen) return;
    }
    const key = fleetKey(source, heartbeat.sessionKey);
    if (key.length > SESSION_KEY_MAX_LENGTH) {
      this.#onProblem(`${key.slice(0, 80)}…: over ${SESSION_KEY_MAX_LENGTH} chars with its source`);
      return;
    }
    // The step a client sees: 1 for the very next emission, more when some
    // were missed (a resync) or the run changed, so that nothing claims a
    // continuity it does not have.
    const step =
      held === undefined ? 1 : sameRun ? Math.max(1, heartbeat.seq - held.original.seq) : 2;
    const relayed: SessionHeartbeat = {
      ...heartbeat,
      sessionKey: key,
      source,
      seq: (held?.relayed.seq ?? 0) + step,
    };
    sessions.set(heartbeat.sessionKey, { epoch, original: heartbeat, relayed });
    this.#batch.push(relayed);
  }

  remove(source: string, sessionKey: string): void {
    const sessions = this.#bySource.get(source);
    if (sessions?.delete(sessionKey) !== true) return;
    // What waited goes first: a removal is never followed by an older heartbeat.
    this.flush();
    this.#emit({ type: 'removed', sessionKey: fleetKey(source, sessionKey) });
  }

  /**
   * The source's sessions are exactly `heartbeats` now (its hash, read
   * again): the others are removed, the changed ones relayed.
   */
  replace(source: string, epoch: string, heartbeats: readonly SessionHeartbeat[]): void {
    const listed = new Set(heartbeats.map((heartbeat) => heartbeat.sessionKey));
    for (const sessionKey of [...(this.#bySource.get(source)?.keys() ?? [])]) {
      if (!listed.has(sessionKey)) this.remove(source, sessionKey);
    }
    for (const heartbeat of heartbeats) this.upsert(source, epoch, heartbeat, true);
  }

  /** Delivers the heartbeats relayed since the last flush, as one event. */
  flush(): void {
    if (this.#batch.length === 0) return;
    const heartbeats = this.#batch;
    this.#batch = [];
    this.#emit({ type: 'heartbeats', heartbeats });
  }
}
