/**
 * Times heartbeats from their arrival to the DOM, off the main thread.
 *
 * Arrival: the worker keeps its own WebSocket to the server. The hub encodes
 * each coalesced frame once and writes the same bytes to every client that
 * keeps up, so this socket hears each heartbeat when the page's socket does;
 * but this thread is idle, so the time it records is when the frame reached
 * the page's process, not when a busy main thread got round to it (a frame
 * queued behind a long task counts its wait).
 *
 * DOM: the page posts every commit that touched rows, and every frame its
 * own socket (or its heartbeat worker) delivered, when its main thread
 * dispatched it. A row showing
 * `seq` counts as a sample when the row was in the DOM with an older seq (it
 * updated in place, or moved), or when it entered the DOM at the first
 * commit after the page got that heartbeat (its news brought it into view).
 * A row that entered because it was scrolled or pushed into view shows old
 * news: not a sample. A sample's latency runs from the arrival here.
 */
import { PROTOCOL_VERSION } from '@session-heartbeat/core';
import type { LatencyPercentiles } from '../../../shared/bench-page-api';
import type { LatencyWindow, ToLatencyWorker } from './latency-messages';

/** Arrivals remembered per session: a row shows the newest, a frame or two behind at most. */
const RECENT = 8;

interface Arrivals {
  seqs: number[];
  ats: number[];
}

const now = (): number => performance.timeOrigin + performance.now();

/** When heartbeats reached this thread's socket. */
const arrivals = new Map<string, Arrivals>();
/** When the page's main thread dispatched them. */
const dispatches = new Map<string, Arrivals>();
/** The seq each row in the DOM shows. */
const shown = new Map<string, number>();
/** Seqs a row showed before their frame arrived here (the naive list's fetch can be ahead). */
const early = new Map<string, { seq: number; at: number }>();
let lastCommitAt = -Infinity;
let measuring = false;
let windowStart = 0;
let latencies: number[] = [];
/** The samples of rows that were in the DOM before, and of rows that entered with news. */
let inPlace: number[] = [];
let entered: number[] = [];
let unmatched = 0;
let heartbeats = 0;
let frames = 0;
let churn = { entered: 0, left: 0, updated: 0, reused: 0, commits: 0 };

function remember(into: Map<string, Arrivals>, key: string, seq: number, at: number): void {
  let recent = into.get(key);
  if (recent === undefined) {
    recent = { seqs: [], ats: [] };
    into.set(key, recent);
  }
  if (recent.seqs.length === RECENT) {
    recent.seqs.shift();
    recent.ats.shift();
  }
  recent.seqs.push(seq);
  recent.ats.push(at);
}

function timeOf(from: Map<string, Arrivals>, key: string, seq: number): number | undefined {
  const recent = from.get(key);
  if (recent === undefined) return undefined;
  const index = recent.seqs.lastIndexOf(seq);
  return index < 0 ? undefined : recent.ats[index];
}

function recordArrival(key: string, seq: number, at: number): void {
  remember(arrivals, key, seq, at);
  const shownEarly = early.get(key);
  if (shownEarly !== undefined && shownEarly.seq <= seq) {
    early.delete(key);
    // On screen before it arrived: no wait at all.
    if (shownEarly.seq === seq && measuring && shownEarly.at >= windowStart) latencies.push(0);
  }
}

interface Frame {
  type?: string;
  heartbeats?: { sessionKey: string; seq: number }[];
}

function onArrival(data: string): void {
  const at = now();
  const frame = JSON.parse(data) as Frame;
  if (measuring) frames += 1;
  if (frame.type !== 'heartbeats') return;
  for (const heartbeat of frame.heartbeats ?? []) {
    recordArrival(heartbeat.sessionKey, heartbeat.seq, at);
  }
  if (measuring) heartbeats += frame.heartbeats?.length ?? 0;
}

function onDispatch(at: number, data: string): void {
  const frame = JSON.parse(data) as Frame;
  if (frame.type !== 'heartbeats') return;
  for (const heartbeat of frame.heartbeats ?? []) {
    remember(dispatches, heartbeat.sessionKey, heartbeat.seq, at);
  }
}

function onHeard(at: number, keys: readonly string[], seqs: readonly number[]): void {
  keys.forEach((key, index) => remember(dispatches, key, seqs[index] as number, at));
}

function onCommit(message: Extract<ToLatencyWorker, { type: 'commit' }>): void {
  const { at, removed, replaced, keys, seqs, updated, reused } = message;
  const inWindow = measuring && at >= windowStart;
  if (inWindow) {
    churn.commits += 1;
    churn.updated += updated;
    churn.reused += reused;
    churn.entered += keys.length - updated - reused;
    churn.left += removed.length;
  }
  // A reused row: its old session left, as if its row had been unmounted.
  const left = new Map<string, number>();
  for (const key of [...removed, ...replaced]) {
    const seq = shown.get(key);
    if (seq === undefined) continue;
    left.set(key, seq);
    shown.delete(key);
  }
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const seq = seqs[index] as number;
    const previous = shown.get(key) ?? left.get(key);
    shown.set(key, seq);
    // The same heartbeat, moved: nothing new to time.
    if (previous !== undefined && seq <= previous) continue;
    if (previous === undefined) {
      // Entered the DOM with news the page had before the previous commit: scrolled or pushed into view.
      const dispatchedAt = timeOf(dispatches, key, seq);
      if (dispatchedAt === undefined || dispatchedAt <= lastCommitAt) continue;
    }
    const arrivedAt = timeOf(arrivals, key, seq);
    if (arrivedAt === undefined) {
      const newest = arrivals.get(key)?.seqs.at(-1) ?? 0;
      if (seq > newest) early.set(key, { seq, at });
      else if (inWindow) unmatched += 1;
      continue;
    }
    if (inWindow) {
      latencies.push(at - arrivedAt);
      (previous === undefined ? entered : inPlace).push(at - arrivedAt);
    }
  }
  lastCommitAt = at;
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1);
  return sorted[Math.max(0, index)] as number;
}

function percentiles(samples: readonly number[]): LatencyPercentiles {
  const sorted = Float64Array.from(samples).sort();
  return {
    samples: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] as number),
  };
}

function summary(): LatencyWindow {
  return {
    type: 'window',
    heartbeats,
    frames,
    latency: {
      ...percentiles(latencies),
      unmatched,
      inPlace: percentiles(inPlace),
      entered: percentiles(entered),
    },
    rows: churn,
  };
}

function listen(url: string): void {
  const socket = new WebSocket(url);
  socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }));
  socket.onmessage = (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') onArrival(event.data);
  };
}

self.onmessage = (event: MessageEvent<ToLatencyWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'listen':
      listen(message.url);
      return;
    case 'frame':
      onDispatch(message.at, message.data);
      return;
    case 'heard':
      onHeard(message.at, message.keys, message.seqs);
      return;
    case 'commit':
      onCommit(message);
      return;
    case 'begin':
      measuring = true;
      windowStart = message.at;
      latencies = [];
      inPlace = [];
      entered = [];
      unmatched = 0;
      heartbeats = 0;
      frames = 0;
      churn = { entered: 0, left: 0, updated: 0, reused: 0, commits: 0 };
      return;
    case 'end':
      measuring = false;
      self.postMessage(summary());
      return;
    default:
      message satisfies never;
  }
};
