import type { LatencySummary, RowChurn } from '../../../shared/bench-page-api';

/**
 * What the page posts to the latency worker. Times are
 * `performance.timeOrigin + performance.now()`: the worker's clock and the
 * page's differ in origin, not in this.
 */
export type ToLatencyWorker =
  /** Opens the worker's own socket to the server (see latency-worker.ts). */
  | { type: 'listen'; url: string }
  /** A frame the page's own socket delivered, when its main thread dispatched it. */
  | { type: 'frame'; at: number; data: string }
  /**
   * Heartbeats the page's heartbeat worker handed its main thread (the
   * transport in a worker): `keys[i]` at `seqs[i]`, when the main thread
   * dispatched the worker's message.
   */
  | { type: 'heard'; at: number; keys: string[]; seqs: number[] }
  /**
   * One DOM commit touching rows: the keys of rows that left the document,
   * then every row that entered it or changed its `data-seq`, as
   * `keys[i]` showing `seqs[i]`.
   */
  | {
      type: 'commit';
      at: number;
      removed: string[];
      keys: string[];
      seqs: number[];
      /** How many of `keys` changed `data-seq` in place (the rest entered the DOM). */
      updated: number;
      /** Sessions whose row stayed in the DOM but now shows another session. */
      replaced: string[];
      /**
       * How many of the entering `keys`, after the `updated` ones, are such
       * reused rows; the rest were mounted.
       */
      reused: number;
    }
  | { type: 'begin'; at: number }
  | { type: 'end'; at: number };

/** What it answers to `end`. */
export interface LatencyWindow {
  type: 'window';
  heartbeats: number;
  frames: number;
  latency: LatencySummary;
  rows: RowChurn;
}
