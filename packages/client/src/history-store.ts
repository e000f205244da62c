import { SESSION_HEALTHS, SESSION_STATES, type SessionHealth } from '@session-heartbeat/core';
import type { SessionEntry } from './session-entry';
import {
  isRecorded,
  nextStretch,
  stretchesToDrop,
  type HistoryLimits,
  type HealthStretch,
} from './session-history';

const STATES: readonly HealthStretch['state'][] = [...SESSION_STATES, 'unknown'];
const STATE_CODES = new Map(STATES.map((state, code) => [state, code]));
const HEALTH_CODES = new Map(SESSION_HEALTHS.map((health, code) => [health, code]));
/** `code = state × HEALTH_BASE + health`; `stretchAt(columns, slot)` reads one back. */
const HEALTH_BASE = 8;
/** Tool and model names are few: one copy of each is kept for every history, up to this many. */
const MAX_SHARED_NAMES = 1024;

/**
 * One session's stretches as columns, each a ring of `capacity` slots
 * (grown by doubling up to `maxEntries`, then reused): stretch `i` (0 the
 * oldest) is at slot `(head + i) % capacity`. Fixed-size arrays: a history
 * at its limit takes no more memory than it holds.
 */
interface Columns {
  since: number[];
  codes: number[];
  toolName: (string | undefined)[];
  model: (string | undefined)[];
  turnId: (string | undefined)[];
  head: number;
  count: number;
  /** The history as `HealthStretch` objects, made when read and kept until it changes. */
  read: readonly HealthStretch[] | undefined;
}

/** Slots a new history starts with. */
const FIRST_CAPACITY = 4;

function emptyColumns(capacity: number): Columns {
  return {
    since: new Array<number>(capacity).fill(0),
    codes: new Array<number>(capacity).fill(0),
    toolName: new Array<string | undefined>(capacity).fill(undefined),
    model: new Array<string | undefined>(capacity).fill(undefined),
    turnId: new Array<string | undefined>(capacity).fill(undefined),
    head: 0,
    count: 0,
    read: undefined,
  };
}

function isColumns(held: Columns | SessionEntry): held is Columns {
  return 'codes' in held;
}

function slot(columns: Columns, index: number): number {
  return (columns.head + index) % columns.since.length;
}

/** The same stretches in rings of `capacity` slots, from slot 0. */
function regrown(columns: Columns, capacity: number): Columns {
  const next = emptyColumns(capacity);
  for (let index = 0; index < columns.count; index += 1) {
    const from = slot(columns, index);
    next.since[index] = columns.since[from] as number;
    next.codes[index] = columns.codes[from] as number;
    next.toolName[index] = columns.toolName[from];
    next.model[index] = columns.model[from];
    next.turnId[index] = columns.turnId[from];
  }
  next.count = columns.count;
  return next;
}

/** Forgets the `count` oldest stretches (and lets go of their strings). */
function dropOldest(columns: Columns, count: number): void {
  for (let index = 0; index < count; index += 1) {
    const at = slot(columns, index);
    columns.toolName[at] = undefined;
    columns.model[at] = undefined;
    columns.turnId[at] = undefined;
  }
  columns.head = slot(columns, count);
  columns.count -= count;
}

/**
 * Every session's recent history (see `appendHistory` for what it records),
 * kept compact: 10,000 sessions of 50 stretches are 500,000 stretches, which
 * as objects (with a string copy each for state, model, tool and turn, from
 * each heartbeat's JSON) take some 50 MB and a new array per heartbeat. Here
 * each session holds columns (numbers for times and codes; one shared copy
 * of each tool and model name; a turn's id once per run of stretches in that
 * turn), and a session's
 * `HealthStretch[]` is built only when someone reads it, then kept (same
 * reference) until its history changes.
 *
 * A read-only `Map` to its readers; the session table appends and deletes.
 */
export class HistoryStore implements ReadonlyMap<string, readonly HealthStretch[]> {
  /**
   * Per session, its columns, or the entry of its one stretch so far: most
   * sessions of a 10,000-session snapshot are read by no one before their
   * next change, so their columns are made only when a second stretch comes
   * or someone reads the history.
   */
  readonly #sessions = new Map<string, Columns | SessionEntry>();
  readonly #limits: Required<HistoryLimits>;
  readonly #names = new Map<string, string>();

  constructor(limits: Required<HistoryLimits>) {
    this.#limits = limits;
  }

  /** Records `entry`; returns whether the session's history changed. */
  append(key: string, entry: SessionEntry): boolean {
    const held = this.#sessions.get(key);
    if (held === undefined) {
      if (!isRecorded(entry)) return false;
      this.#sessions.set(key, entry);
      return true;
    }
    return this.#record(key, isColumns(held) ? held : this.#columnsOf(key, held), entry);
  }

  /** The columns of a session whose one stretch is still kept as its entry. */
  #columnsOf(key: string, first: SessionEntry): Columns {
    const columns = emptyColumns(Math.min(Math.max(1, this.#limits.maxEntries), FIRST_CAPACITY));
    this.#sessions.set(key, columns);
    this.#record(key, columns, first);
    return columns;
  }

  #record(key: string, held: Columns, entry: SessionEntry): boolean {
    let columns = held;
    const change = nextStretch(last(columns), entry);
    if (change === undefined) return false;
    const maxEntries = Math.max(1, this.#limits.maxEntries);
    if (columns.count === columns.since.length) {
      const capacity = columns.since.length;
      if (capacity < maxEntries) {
        columns = regrown(columns, Math.min(maxEntries, capacity * 2));
        this.#sessions.set(key, columns);
      } else {
        dropOldest(columns, 1); // at most maxEntries, the newest
      }
    }
    this.#push(columns, change);
    const drop = stretchesToDrop(
      columns.count,
      (index) => columns.since[slot(columns, index)] as number,
      entry.evaluatedAt,
      this.#limits,
    );
    if (drop > 0) dropOldest(columns, drop);
    columns.read = undefined;
    return true;
  }

  /** Writes `change` after the newest stretch held (there is a free slot). */
  #push(columns: Columns, change: HealthStretch): void {
    const previous = columns.count === 0 ? undefined : slot(columns, columns.count - 1);
    const at = slot(columns, columns.count);
    columns.since[at] = change.since;
    columns.codes[at] =
      (STATE_CODES.get(change.state) ?? STATES.length - 1) * HEALTH_BASE +
      (HEALTH_CODES.get(change.health) ?? 0);
    columns.toolName[at] = this.#shared(change.toolName);
    columns.model[at] = this.#shared(change.model);
    // A turn's id is kept once for its run of stretches, not once per heartbeat.
    columns.turnId[at] = same(
      previous === undefined ? undefined : columns.turnId[previous],
      change.turnId,
    );
    columns.count += 1;
  }

  /**
   * Adds stretches from before the oldest one held: what the server recorded
   * before this client heard the session (`GET …/history`), so a timeline
   * covers the time before the page opened. Only a session the client holds
   * gets them, within the same limits; returns whether its history changed.
   */
  prepend(key: string, older: readonly HealthStretch[], evaluatedAt: number): boolean {
    const held = this.get(key);
    const first = held?.[0];
    if (held === undefined || first === undefined) return false;
    const earlier = older.filter((stretch) => stretch.since < first.since);
    if (earlier.length === 0) return false;
    const merged = [...earlier, ...held];
    const drop = stretchesToDrop(
      merged.length,
      (index) => (merged[index] as HealthStretch).since,
      evaluatedAt,
      this.#limits,
    );
    if (drop >= earlier.length) return false; // every one of them is outside the limits
    const kept = merged.slice(drop);
    const columns = emptyColumns(
      Math.min(Math.max(1, this.#limits.maxEntries), Math.max(FIRST_CAPACITY, kept.length)),
    );
    for (const stretch of kept) this.#push(columns, stretch);
    this.#sessions.set(key, columns);
    return true;
  }

  /** The copy of a tool or model name every history shares (each heartbeat brings its own). */
  #shared(name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    const kept = this.#names.get(name);
    if (kept !== undefined) return kept;
    if (this.#names.size < MAX_SHARED_NAMES) this.#names.set(name, name);
    return name;
  }

  delete(key: string): boolean {
    return this.#sessions.delete(key);
  }

  get size(): number {
    return this.#sessions.size;
  }

  get(key: string): readonly HealthStretch[] | undefined {
    const held = this.#sessions.get(key);
    if (held === undefined) return undefined;
    const columns = isColumns(held) ? held : this.#columnsOf(key, held);
    columns.read ??= Array.from({ length: columns.count }, (_, index) =>
      stretchAt(columns, slot(columns, index)),
    );
    return columns.read;
  }

  has(key: string): boolean {
    return this.#sessions.has(key);
  }

  forEach(
    callback: (
      value: readonly HealthStretch[],
      key: string,
      map: ReadonlyMap<string, readonly HealthStretch[]>,
    ) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  *entries(): MapIterator<[string, readonly HealthStretch[]]> {
    for (const key of this.#sessions.keys()) yield [key, this.get(key) as readonly HealthStretch[]];
  }

  keys(): MapIterator<string> {
    return this.#sessions.keys();
  }

  *values(): MapIterator<readonly HealthStretch[]> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, readonly HealthStretch[]]> {
    return this.entries();
  }
}

function same(previous: string | undefined, next: string | undefined): string | undefined {
  return previous === next ? previous : next;
}

function stretchAt(columns: Columns, index: number): HealthStretch {
  const code = columns.codes[index] as number;
  const change: HealthStretch = {
    state: STATES[Math.floor(code / HEALTH_BASE)] as HealthStretch['state'],
    since: columns.since[index] as number,
    health: SESSION_HEALTHS[code % HEALTH_BASE] as SessionHealth,
  };
  const toolName = columns.toolName[index];
  const model = columns.model[index];
  const turnId = columns.turnId[index];
  if (toolName !== undefined) change.toolName = toolName;
  if (model !== undefined) change.model = model;
  if (turnId !== undefined) change.turnId = turnId;
  return change;
}

function last(columns: Columns): HealthStretch | undefined {
  return columns.count === 0 ? undefined : stretchAt(columns, slot(columns, columns.count - 1));
}
