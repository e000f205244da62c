/**
 * The benchmark's probes, installed before the page renders: the page's
 * socket frames are timed as its main thread gets them, DOM commits as they
 * happen, and the latency bookkeeping runs in a worker with a socket of its
 * own (see latency-worker.ts). Exposes `window.__bench` to the driver.
 */
import { Routes } from '@session-heartbeat/core';
import type {
  BenchPageApi,
  LoadTimes,
  LongTaskSummary,
  ScrollResult,
  WindowResult,
} from '../../../shared/bench-page-api';
import type { LatencyWindow, ToLatencyWorker } from './latency-messages';

declare global {
  interface Window {
    __bench?: BenchPageApi;
  }
}

export interface InstrumentationOptions {
  variant: string;
  scrollSelector: string;
}

interface LongTask {
  startTime: number;
  duration: number;
}

function summariseLongTasks(tasks: readonly LongTask[], from: number, to: number): LongTaskSummary {
  let count = 0;
  let totalMs = 0;
  let maxMs = 0;
  for (const task of tasks) {
    if (task.startTime < from || task.startTime > to) continue;
    count += 1;
    totalMs += task.duration;
    maxMs = Math.max(maxMs, task.duration);
  }
  return { count, totalMs, maxMs };
}

function rowsIn(node: Node, into: Element[]): void {
  if (!(node instanceof Element)) return;
  if (node.hasAttribute('data-seq')) into.push(node);
  else if (node.firstElementChild !== null) into.push(...node.querySelectorAll('[data-seq]'));
}

export function installInstrumentation({ variant, scrollSelector }: InstrumentationOptions): void {
  const worker = new Worker(new URL('./latency-worker.ts', import.meta.url), { type: 'module' });
  const post = (message: ToLatencyWorker): void => worker.postMessage(message);
  /** The clock the worker shares (its `performance.now()` has another origin). */
  const now = (): number => performance.timeOrigin + performance.now();
  const load: LoadTimes = {};
  const socketUrl = new URL(Routes.socket, window.location.href);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';

  // Frames: timed when the message event is dispatched on the main thread,
  // before the page's own listener (this one is added first).
  const NativeWebSocket = window.WebSocket;
  class TimedWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (typeof event.data !== 'string') return;
        if (event.data.startsWith('{"type":"snapshot"')) {
          if (load.snapshotArrivedAt === undefined) {
            load.snapshotArrivedAt = performance.now();
            performance.mark('bench:snapshot-arrived');
          }
          return;
        }
        post({ type: 'frame', at: now(), data: event.data });
      });
    }
  }
  window.WebSocket = TimedWebSocket;

  // With the transport in a worker (the client's `worker`), the page's main
  // thread gets frames from that worker instead: timed when its message is
  // dispatched, and the snapshot from when the worker's socket got it (the
  // worker's parse and validation delay the paint too).
  const NativeWorker = window.Worker;
  class TimedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (!String(url).includes('heartbeat-worker')) return;
      this.addEventListener('message', (event: MessageEvent<unknown>) => {
        const message = event.data as {
          kind?: string;
          receivedAt?: number;
          frame?: { type?: string; heartbeats?: { sessionKey: string; seq: number }[] };
        };
        if (message.kind === 'snapshot' && load.snapshotArrivedAt === undefined) {
          // The bench has no fake clock: the worker's `Date.now()` is the page's.
          const inWorkerMsAgo = Date.now() - (message.receivedAt ?? Date.now());
          load.snapshotArrivedAt = performance.now() - Math.max(0, inWorkerMsAgo);
          performance.mark('bench:snapshot-arrived', { startTime: load.snapshotArrivedAt });
          return;
        }
        if (message.kind !== 'frame' || message.frame?.type !== 'heartbeats') return;
        const heartbeats = message.frame.heartbeats ?? [];
        post({
          type: 'heard',
          at: now(),
          keys: heartbeats.map((heartbeat) => heartbeat.sessionKey),
          seqs: heartbeats.map((heartbeat) => heartbeat.seq),
        });
      });
    }
  }
  window.Worker = TimedWorker;

  // DOM commits: rows that left, entered or changed their seq. A row the list
  // reuses for another session (its `data-session-key` changed) counts as the
  // old session's row leaving and the new one's entering, as if unmounted and
  // mounted: its news is timed only if it brought the session into view.
  function snapshotComplete(): void {
    if (load.snapshotCompleteAt !== undefined || load.snapshotArrivedAt === undefined) return;
    load.snapshotCompleteAt = performance.now();
    performance.mark('bench:snapshot-complete');
  }
  /** The list stops being busy once the last slice of the snapshot is in. */
  function busyChanged(target: Element): void {
    if (load.rowsShownAt !== undefined && target.getAttribute('aria-busy') !== 'true') {
      snapshotComplete();
    }
  }

  const observer = new MutationObserver((records) => {
    const at = now();
    const removedRows: Element[] = [];
    const updatedRows = new Set<Element>();
    const reusedRows = new Set<Element>();
    const addedRows: Element[] = [];
    /** The sessions reused rows showed before. */
    const replaced: string[] = [];
    for (const record of records) {
      if (record.type === 'attributes' && record.attributeName === 'aria-busy') {
        if (record.target instanceof Element) busyChanged(record.target);
        continue;
      }
      if (record.type === 'attributes') {
        if (!(record.target instanceof Element) || !record.target.isConnected) continue;
        if (record.attributeName === 'data-seq') updatedRows.add(record.target);
        else if (record.oldValue !== null) {
          replaced.push(record.oldValue);
          reusedRows.add(record.target);
        }
        continue;
      }
      for (const node of record.removedNodes) rowsIn(node, removedRows);
      for (const node of record.addedNodes) if (node.isConnected) rowsIn(node, addedRows);
    }
    for (const row of reusedRows) updatedRows.delete(row);
    if (
      removedRows.length === 0 &&
      updatedRows.size === 0 &&
      reusedRows.size === 0 &&
      addedRows.length === 0
    ) {
      return;
    }
    const keys: string[] = [];
    const seqs: number[] = [];
    const take = (row: Element): void => {
      const key = row.getAttribute('data-session-key');
      const seq = row.getAttribute('data-seq');
      if (key === null || seq === null) return;
      keys.push(key);
      seqs.push(Number(seq));
    };
    for (const row of updatedRows) take(row);
    const updated = keys.length;
    for (const row of reusedRows) take(row);
    const reused = keys.length - updated;
    for (const row of addedRows) take(row);
    const removed = removedRows.flatMap((row) => row.getAttribute('data-session-key') ?? []);
    post({ type: 'commit', at, removed, replaced, keys, seqs, updated, reused });
    if (load.rowsShownAt === undefined && keys.length > 0) {
      load.rowsShownAt = performance.now();
      performance.mark('bench:rows-shown');
      // A page with no busy list (the naive one) is complete with its rows.
      if (document.querySelector('[aria-busy="true"]') === null) snapshotComplete();
      requestAnimationFrame((frameAt) => {
        load.firstFrameAt = frameAt;
        performance.mark('bench:first-frame-after-rows');
        // Only now: its own snapshot must not compete with the page's for a core.
        // `?latency=off` (the tabs scenario): no socket of its own, which the
        // server would count as one more connection.
        if (new URLSearchParams(window.location.search).get('latency') !== 'off') {
          post({ type: 'listen', url: socketUrl.href });
        }
      });
    }
  });
  observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-seq', 'data-session-key', 'aria-busy'],
    attributeOldValue: true,
  });

  const longTasks: LongTask[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks.push({ startTime: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });

  /** The window's bounds on the page's clock (long tasks and frames use it). */
  let windowStart = 0;
  let pendingWindow: ((window: LatencyWindow) => void) | undefined;
  worker.onmessage = (event: MessageEvent<LatencyWindow>) => {
    pendingWindow?.(event.data);
    pendingWindow = undefined;
  };

  const api: BenchPageApi = {
    variant,
    scrollSelector,
    loadTimes: () => ({ ...load }),
    begin() {
      windowStart = performance.now();
      post({ type: 'begin', at: now() });
    },
    async end(): Promise<WindowResult> {
      const windowEnd = performance.now();
      const answer = new Promise<LatencyWindow>((resolve) => {
        pendingWindow = resolve;
      });
      post({ type: 'end', at: now() });
      const { heartbeats, frames, latency, rows } = await answer;
      return {
        elapsedMs: windowEnd - windowStart,
        heartbeats,
        frames,
        latency,
        rows,
        longTasks: summariseLongTasks(longTasks, windowStart, windowEnd),
      };
    },
    scroll(durationMs, pxPerFrame) {
      const viewport = document.querySelector(scrollSelector);
      if (viewport === null) return Promise.reject(new Error(`no ${scrollSelector} to scroll`));
      return new Promise<ScrollResult>((resolve) => {
        let direction = 1;
        let scrolledPx = 0;
        let first: number | undefined;
        let last = 0;
        const gaps: number[] = [];
        const step = (frameAt: number): void => {
          if (first === undefined) first = frameAt;
          else gaps.push(frameAt - last);
          last = frameAt;
          const max = viewport.scrollHeight - viewport.clientHeight;
          if (viewport.scrollTop + pxPerFrame * direction > max) direction = -1;
          if (viewport.scrollTop + pxPerFrame * direction < 0) direction = 1;
          viewport.scrollTop += pxPerFrame * direction;
          scrolledPx += pxPerFrame;
          if (frameAt - first < durationMs) {
            requestAnimationFrame(step);
            return;
          }
          const elapsedMs = frameAt - first;
          const sortedGaps = [...gaps].sort((a, b) => a - b);
          const typicalGap = sortedGaps[Math.floor(sortedGaps.length / 2)] ?? 1000 / 60;
          resolve({
            frames: gaps.length,
            elapsedMs,
            fps: elapsedMs > 0 ? (gaps.length * 1000) / elapsedMs : 0,
            slowFrames: gaps.filter((gap) => gap > 1.5 * Math.min(typicalGap, 1000 / 60)).length,
            longestFrameMs: sortedGaps.at(-1) ?? 0,
            scrolledPx,
            longTasks: summariseLongTasks(longTasks, first, frameAt),
          });
        };
        requestAnimationFrame(step);
      });
    },
    domElements: () => document.getElementsByTagName('*').length,
  };
  window.__bench = api;
}
