import type { SourceStatus } from '@session-heartbeat/core';

const NO_SOURCES: readonly SourceStatus[] = Object.freeze([]);
const NONE: ReadonlySet<string> = new Set();

/**
 * Fleet: the sources an aggregator said it hears, as the store holds them.
 * `sources` keeps its reference until a frame brings another list;
 * `unreachable` (the ids whose sessions are `unknown`) keeps its reference
 * until its content changes, so the table re-evaluates every session only
 * when a source's status really changed.
 */
export interface SourceTracker {
  readonly sources: readonly SourceStatus[];
  readonly unreachable: ReadonlySet<string>;
  apply(next: readonly SourceStatus[]): void;
}

export function createSourceTracker(): SourceTracker {
  let sources = NO_SOURCES;
  let unreachable = NONE;
  return {
    get sources() {
      return sources;
    },
    get unreachable() {
      return unreachable;
    },
    apply(next) {
      sources = next.length === 0 ? NO_SOURCES : next;
      const ids = next.filter((source) => source.status === 'unreachable').map(({ id }) => id);
      const same = ids.length === unreachable.size && ids.every((id) => unreachable.has(id));
      if (!same) unreachable = ids.length === 0 ? NONE : new Set(ids);
    },
  };
}
