import type { SourceStatus, SourceUnreachableReason } from '@session-heartbeat/core';

interface Tracked {
  id: string;
  lastSeenAt: number;
  live: boolean;
  reason: SourceUnreachableReason;
}

export interface SourceStatusesOptions {
  /** Unheard for longer than this, a source is unreachable. */
  unreachableAfterMs: number;
  now: () => number;
  /** How many sessions a source lists, for `list()`. */
  sessionsOf: (id: string) => number;
  /** Every change of status (and every new source), with the whole list. */
  onChange: (sources: SourceStatus[]) => void;
}

/**
 * Who the aggregator hears: a source is live while it was heard (a stream
 * entry, a new source beat) within `unreachableAfterMs`, unreachable after
 * that (`silent`), and every source is unreachable (`broker_unreachable`)
 * while the aggregator has lost Redis. One timer serves every source: it is
 * armed for the soonest limit, as the client's is for sessions.
 */
export class SourceStatuses {
  readonly #sources = new Map<string, Tracked>();
  readonly #options: SourceStatusesOptions;
  #timer: NodeJS.Timeout | undefined;
  #brokerUp = true;

  constructor(options: SourceStatusesOptions) {
    this.#options = options;
  }

  has(id: string): boolean {
    return this.#sources.has(id);
  }

  isLive(id: string): boolean {
    return this.#sources.get(id)?.live ?? false;
  }

  ids(): string[] {
    return [...this.#sources.keys()];
  }

  /** A source seen for the first time: live if it beats now, else unreachable since `lastSeenAt`. */
  add(id: string, live: boolean, lastSeenAt: number): void {
    if (this.#sources.has(id)) return;
    this.#sources.set(id, {
      id,
      lastSeenAt: live ? this.#options.now() : lastSeenAt,
      live: live && this.#brokerUp,
      reason: this.#brokerUp ? 'silent' : 'broker_unreachable',
    });
    this.#changed();
  }

  /** Something came from the source now: it is live (again). */
  heard(id: string): void {
    const source = this.#sources.get(id);
    if (source === undefined || !this.#brokerUp) return;
    source.lastSeenAt = this.#options.now();
    if (source.live) return;
    source.live = true;
    this.#changed();
  }

  /** The aggregator lost Redis: it can see no source at all. */
  brokerDown(): void {
    if (!this.#brokerUp) return;
    this.#brokerUp = false;
    for (const source of this.#sources.values()) {
      source.live = false;
      source.reason = 'broker_unreachable';
    }
    this.#changed();
  }

  /** Redis is back: sources stay unreachable (now `silent`) until heard again. */
  brokerUp(): void {
    if (this.#brokerUp) return;
    this.#brokerUp = true;
    for (const source of this.#sources.values()) source.reason = 'silent';
    this.#changed();
  }

  list(): SourceStatus[] {
    return [...this.#sources.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((source) => {
        const status: SourceStatus = {
          id: source.id,
          status: source.live ? 'live' : 'unreachable',
          lastSeenAt: source.lastSeenAt,
          sessions: this.#options.sessionsOf(source.id),
        };
        if (!source.live) status.reason = source.reason;
        return status;
      });
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #changed(): void {
    this.#options.onChange(this.list());
    this.#arm();
  }

  /** Marks the sources past their limit unreachable, then arms for the next. */
  #check = (): void => {
    this.#timer = undefined;
    const now = this.#options.now();
    let changed = false;
    for (const source of this.#sources.values()) {
      if (source.live && now - source.lastSeenAt > this.#options.unreachableAfterMs) {
        source.live = false;
        source.reason = 'silent';
        changed = true;
      }
    }
    if (changed) this.#options.onChange(this.list());
    this.#arm();
  };

  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    let soonest = Infinity;
    for (const source of this.#sources.values()) {
      if (source.live) soonest = Math.min(soonest, source.lastSeenAt);
    }
    if (!Number.isFinite(soonest)) return;
    const due = soonest + this.#options.unreachableAfterMs + 1 - this.#options.now();
    this.#timer = setTimeout(this.#check, Math.max(0, due));
    this.#timer.unref();
  }
}
