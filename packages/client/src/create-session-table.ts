import {
  createDurationLearner,
  resolveAdaptive,
  SESSION_HEALTHS,
  type SessionHealth,
  type SessionSortKey,
  type ThresholdConfig,
} from '@session-heartbeat/core';
import { createLazyOrders } from './create-lazy-orders';
import { createDeadlineHeap } from './deadline-heap';
import type { InboxBatch } from './frame-inbox';
import { MapView } from './map-view';
import { evaluateEntry, type EvaluationContext, type SessionEntry } from './session-entry';
import { HistoryStore } from './history-store';
import type { HistoryLimits, HealthStretch } from './session-history';
import type { OrderChange } from './sorted-order';

/** The part of the store the table owns. */
export interface SessionTableView {
  /** Every session by key (a live view: see `MapView`). */
  sessions: ReadonlyMap<string, SessionEntry>;
  /** Per session, the states of the last `windowMs` (a live view). */
  histories: ReadonlyMap<string, readonly HealthStretch[]>;
  /**
   * The keys in each sort order; an array keeps its reference while its order
   * holds. Each order is brought up to date when read (select the one you show).
   */
  order: Readonly<Record<SessionSortKey, readonly string[]>>;
  /** How many sessions have each health. */
  counts: Readonly<Record<SessionHealth, number>>;
}

export interface TableUpdate extends EvaluationContext {
  batch?: InboxBatch | undefined;
}

/**
 * The sessions, their verdicts, orders, counts and histories, updated in
 * place with work proportional to what changed: a batch touches only its
 * sessions, and time only the sessions whose deadline passed (one heap for
 * all of them). Re-evaluates everything only when `listening`, the
 * thresholds or (fleet) the unreachable sources change.
 */
export interface SessionTable {
  /** Applies a batch and/or the passage of time; returns whether the view changed. */
  update(update: TableUpdate): boolean;
  view(): SessionTableView;
  /** Adds history from before the client heard a session (see `HistoryStore.prepend`). */
  prependHistory(key: string, older: readonly HealthStretch[], serverNow: number): boolean;
  /** The soonest health change, on the server's clock (`Infinity` if none). */
  nextChangeAt(): number;
}

function zeroCounts(): Record<SessionHealth, number> {
  const counts = {} as Record<SessionHealth, number>;
  for (const health of SESSION_HEALTHS) counts[health] = 0;
  return counts;
}

export function createSessionTable(limits: Required<HistoryLimits>): SessionTable {
  const entries = new Map<string, SessionEntry>();
  const histories = new HistoryStore(limits);
  const deadlines = createDeadlineHeap();
  const orders = createLazyOrders(
    (key) => entries.get(key),
    () => entries.values(),
    () => entries.size,
  );
  // Adaptive thresholds: how long each tool's and model's states took.
  const learner = createDurationLearner();
  let listening: boolean | undefined;
  let thresholds: ThresholdConfig | undefined;
  let unreachableSources: ReadonlySet<string> | undefined;
  /** Sessions past their silence limit with nothing heard since: the next frame decides. */
  const overdue = new Set<string>();
  let heardAt: number | undefined;
  let view: SessionTableView = {
    sessions: new MapView(entries),
    histories: new MapView(histories),
    order: orders.view(),
    counts: zeroCounts(),
  };

  function update(input: TableUpdate): boolean {
    const { batch, serverNow } = input;
    const all =
      input.listening !== listening ||
      input.thresholds !== thresholds ||
      input.unreachableSources !== unreachableSources;
    const heardMore = input.heardAt !== heardAt;
    listening = input.listening;
    thresholds = input.thresholds;
    heardAt = input.heardAt;
    unreachableSources = input.unreachableSources;
    const adaptive = resolveAdaptive(thresholds) !== undefined;
    const context: EvaluationContext = {
      serverNow,
      listening,
      thresholds,
      heardAt,
      unreachableSources,
      ...(adaptive ? { learned: learner } : {}),
    };
    const changes = new Map<string, OrderChange>();
    let historiesChanged = false;

    function touch(key: string): void {
      if (!changes.has(key)) changes.set(key, { before: entries.get(key), after: undefined });
    }
    function put(key: string, entry: SessionEntry): void {
      touch(key);
      entries.set(key, entry);
      if (histories.append(key, entry)) historiesChanged = true;
    }
    function drop(key: string): void {
      touch(key);
      entries.delete(key);
      deadlines.delete(key);
      overdue.delete(key);
      if (histories.delete(key)) historiesChanged = true;
    }

    if (batch?.resync !== undefined) {
      const { listed } = batch.resync;
      for (const key of entries.keys()) if (!listed.has(key)) drop(key);
    }
    function schedule(key: string, nextChangeAt: number, isOverdue: boolean): void {
      deadlines.set(key, nextChangeAt);
      if (isOverdue) overdue.add(key);
      else overdue.delete(key);
    }

    for (const [key, { heartbeat, receivedAt }] of batch?.upserts ?? []) {
      const before = entries.get(key)?.heartbeat;
      if (
        adaptive &&
        before !== undefined &&
        heartbeat.seq === before.seq + 1 &&
        heartbeat.stateSince > before.stateSince
      ) {
        // The state it was in ended (the very next emission, so no state
        // between them went unseen): learn how long it took.
        learner.record(before, heartbeat.stateSince - before.stateSince);
      }
      const evaluated = evaluateEntry(heartbeat, receivedAt, context);
      put(key, evaluated.entry);
      schedule(key, evaluated.nextChangeAt, evaluated.overdue);
    }
    for (const key of batch?.removals ?? []) if (entries.has(key)) drop(key);

    const due = all ? Array.from(entries.keys()) : deadlines.takeDue(serverNow);
    // A frame heard: the overdue sessions it said nothing of are now silent for sure.
    if (!all && heardMore) for (const key of overdue) due.push(key);
    for (const key of due) {
      // Evaluated a moment ago, in this same context.
      if (batch?.upserts.has(key) === true) continue;
      const current = entries.get(key);
      if (current === undefined) continue;
      const {
        entry,
        nextChangeAt,
        overdue: isOverdue,
      } = evaluateEntry(current.heartbeat, current.receivedAt, context, current);
      schedule(key, nextChangeAt, isOverdue);
      if (entry !== current) put(key, entry);
    }

    if (changes.size === 0 && !historiesChanged) return false;
    publish(changes, historiesChanged);
    return true;
  }

  function publish(changes: Map<string, OrderChange>, historiesChanged: boolean): void {
    let counts = view.counts;
    if (changes.size > 0) {
      const nextCounts = { ...counts };
      let countsChanged = false;
      for (const [key, change] of changes) {
        const after = entries.get(key);
        change.after = after;
        if (change.before?.health === after?.health) continue;
        countsChanged = true;
        if (change.before !== undefined) nextCounts[change.before.health] -= 1;
        if (after !== undefined) nextCounts[after.health] += 1;
      }
      if (countsChanged) counts = nextCounts;
    }
    if (changes.size > 0) orders.changed(changes);
    view = {
      sessions: changes.size > 0 ? new MapView(entries) : view.sessions,
      histories: historiesChanged ? new MapView(histories) : view.histories,
      order: changes.size > 0 ? orders.view() : view.order,
      counts,
    };
  }

  function prependHistory(
    key: string,
    older: readonly HealthStretch[],
    serverNow: number,
  ): boolean {
    if (!histories.prepend(key, older, serverNow)) return false;
    view = { ...view, histories: new MapView(histories) };
    return true;
  }

  return {
    update,
    prependHistory,
    view: () => view,
    nextChangeAt: () => deadlines.peek(),
  };
}
