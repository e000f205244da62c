import { SESSION_STATES, type SessionState, type StateChange } from '@session-heartbeat/core';

/** The most changes a session keeps. */
export const HISTORY_MAX_CHANGES = 256;

/** How far back a session's changes are kept, in ms (60 minutes). */
export const HISTORY_MAX_AGE_MS = 60 * 60_000;

/** What a change carries besides its state and time; shared by consecutive changes that agree. */
interface ChangeDetails {
  readonly toolName: string | undefined;
  readonly model: string | undefined;
  readonly turnId: string | undefined;
}

const STATE_CODES: ReadonlyMap<SessionState, number> = new Map(
  SESSION_STATES.map((state, code) => [state, code]),
);

const FIRST_CAPACITY = 4;

/** How many of the newest changes a new one looks through for details to share. */
const SHARE_LOOKBACK = 4;

/**
 * One session's recent changes: at most the last {@link HISTORY_MAX_CHANGES},
 * none older than {@link HISTORY_MAX_AGE_MS}, whichever leaves fewer.
 *
 * Kept as a ring of columns rather than an array of objects, because 10,000
 * sessions × 256 changes is 2.5 million entries: a time (8 bytes), a state
 * code (1 byte) and a reference to details that changes share (a change
 * within a turn reuses the details of a recent one with the same tool and
 * model), with activities in a column of their own made only once one is
 * reported. The ring grows by doubling up to its bound, so a quiet session
 * costs little: measured, about 23 bytes a change at the bound (`pnpm
 * --filter @session-heartbeat/bench wire`).
 */
export class SessionHistory {
  #at = new Float64Array(FIRST_CAPACITY);
  #state = new Uint8Array(FIRST_CAPACITY);
  #details: (ChangeDetails | undefined)[] = new Array<ChangeDetails | undefined>(FIRST_CAPACITY);
  #activity: (string | undefined)[] | undefined;
  /** Slot of the oldest change. */
  #head = 0;
  #size = 0;

  /** How many changes are kept now. */
  get size(): number {
    return this.#size;
  }

  /** Records a change at `at`, then forgets what is now too old or too many. */
  push(
    state: SessionState,
    at: number,
    toolName: string | undefined,
    model: string | undefined,
    turnId: string | undefined,
  ): void {
    this.#forgetBefore(at - HISTORY_MAX_AGE_MS);
    if (this.#size === this.#at.length) {
      if (this.#at.length < HISTORY_MAX_CHANGES) this.#grow();
      else this.#dropOldest();
    }
    const slot = (this.#head + this.#size) % this.#at.length;
    const details =
      toolName === undefined && model === undefined && turnId === undefined
        ? undefined
        : (this.#recentDetails(toolName, model, turnId) ?? { toolName, model, turnId });
    this.#at[slot] = at;
    this.#state[slot] = STATE_CODES.get(state) ?? 0;
    this.#details[slot] = details;
    if (this.#activity !== undefined) this.#activity[slot] = undefined;
    this.#size += 1;
  }

  /** The host's latest word on progress in the newest change's state. */
  setActivity(activity: string): void {
    if (this.#size === 0) return;
    this.#activity ??= new Array<string | undefined>(this.#at.length);
    this.#activity[this.#slotOf(this.#size - 1)] = activity;
  }

  /** The changes at or after `since` and not older than the age bound at `now`, oldest first. */
  read(since: number, now: number): StateChange[] {
    const from = Math.max(since, now - HISTORY_MAX_AGE_MS);
    const changes: StateChange[] = [];
    for (let index = 0; index < this.#size; index += 1) {
      const slot = this.#slotOf(index);
      const at = this.#at[slot] ?? 0;
      if (at < from) continue;
      const change: StateChange = { state: SESSION_STATES[this.#state[slot] ?? 0] ?? 'idle', at };
      const details = this.#details[slot];
      if (details?.toolName !== undefined) change.toolName = details.toolName;
      if (details?.model !== undefined) change.model = details.model;
      if (details?.turnId !== undefined) change.turnId = details.turnId;
      const activity = this.#activity?.[slot];
      if (activity !== undefined) change.activity = activity;
      changes.push(change);
    }
    return changes;
  }

  /**
   * Details equal to these among the last few changes, to share: a turn
   * goes back and forth between the model and its tools, so the same two or
   * three come round again and again.
   */
  #recentDetails(
    toolName: string | undefined,
    model: string | undefined,
    turnId: string | undefined,
  ): ChangeDetails | undefined {
    for (let back = 1; back <= Math.min(SHARE_LOOKBACK, this.#size); back += 1) {
      const details = this.#details[this.#slotOf(this.#size - back)];
      if (details === undefined) continue;
      if (details.toolName === toolName && details.model === model && details.turnId === turnId) {
        return details;
      }
    }
    return undefined;
  }

  #slotOf(index: number): number {
    return (this.#head + index) % this.#at.length;
  }

  #forgetBefore(limit: number): void {
    while (this.#size > 0 && (this.#at[this.#head] ?? 0) < limit) this.#dropOldest();
  }

  #dropOldest(): void {
    this.#details[this.#head] = undefined;
    if (this.#activity !== undefined) this.#activity[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.#at.length;
    this.#size -= 1;
  }

  #grow(): void {
    const capacity = Math.min(HISTORY_MAX_CHANGES, this.#at.length * 2);
    const at = new Float64Array(capacity);
    const state = new Uint8Array(capacity);
    const details = new Array<ChangeDetails | undefined>(capacity);
    const activity =
      this.#activity === undefined ? undefined : new Array<string | undefined>(capacity);
    for (let index = 0; index < this.#size; index += 1) {
      const slot = this.#slotOf(index);
      at[index] = this.#at[slot] ?? 0;
      state[index] = this.#state[slot] ?? 0;
      details[index] = this.#details[slot];
      if (activity !== undefined) activity[index] = this.#activity?.[slot];
    }
    this.#at = at;
    this.#state = state;
    this.#details = details;
    this.#activity = activity;
    this.#head = 0;
  }
}
