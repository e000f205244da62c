import type { Browser } from 'playwright';
import { BROWSER_CONTEXT } from '../../chromium';
import { chromiumCpuMs, cpuMsBetween } from './chromium-cpu';
import type { WindowResult } from '../shared/bench-page-api';
import { mainThreadBetween, metrics, type MainThreadTime } from './measure-page';

/**
 * What each layer page runs on the main thread (see page/src/layers-page.ts).
 * `floor` is the list page against a small fleet of its own (the plan's
 * `layers.floor`), the others against the target's.
 */
export const LAYERS = ['socket', 'decode', 'client', 'list', 'still', 'floor'] as const;
export type Layer = (typeof LAYERS)[number];

export const LAYER_WORDS: Record<Layer, string> = {
  socket: 'WebSocket + JSON.parse',
  decode: 'WebSocket + decodeServerFrame',
  client: 'the client, no UI',
  list: 'the client + SessionList',
  still: 'the same, reduced motion (no pulse)',
  floor: 'the client + SessionList, a small fleet',
};

/** What the DOM commits of a list layer did to its rows in the window, per second. */
export interface LayerRows {
  /** Rows whose session's news changed them in place. */
  updatedPerSecond: number;
  /** Rows that now show another session, or entered the DOM: the re-order, scrolling. */
  replacedPerSecond: number;
  /** DOM commits that touched rows. */
  commitsPerSecond: number;
}

export interface LayerRun {
  layer: Layer;
  mainThread: MainThreadTime;
  /** CPU ms/s of every Chromium process: what moving work off the main thread does not save. */
  browserCpuMsPerSecond: number;
  /** Frames the page heard per second (`undefined` for the lists, which do not count them). */
  framesPerSecond: number | undefined;
  /** The lists' rows (absent from the other layers, and from results before 2026-12-06 09:30 UTC). */
  rows?: LayerRows;
  /** The fleet this layer ran against, when it is not the measurement's (the floor). */
  fleet?: { sessions: number; messagesPerSecond: number };
  pageErrors: string[];
}

export interface LayersMeasurement {
  sessions: number;
  messagesPerSecond: number;
  runs: LayerRun[];
}

export interface LayersPhases {
  warmUpMs: number;
  steadyMs: number;
  loadTimeoutMs: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The layers that are the list page (`still`: under reduced motion). */
function isList(layer: Layer): boolean {
  return layer === 'list' || layer === 'still' || layer === 'floor';
}

function pathOf(layer: Layer): string {
  // The list without the latency worker's own socket and per-frame posts:
  // only what a dashboard runs.
  return isList(layer) ? '/index.html?latency=off' : `/layers.html?layer=${layer}`;
}

const READY: Record<'list' | 'layer', string> = {
  list: 'window.__bench?.loadTimes().firstFrameAt !== undefined',
  layer: 'window.__layer?.ready === true',
};

/**
 * Each of `layers` alone, one after the other, in a context of its own
 * against the same load server: the main thread's busy time and the whole
 * browser's CPU in a steady-state window, and for the lists what their DOM
 * commits did to rows. The differences say what each layer costs; the first
 * says what any client pays on the main thread before it does anything (what
 * a worker-hosted client would lift), and the floor (the list against a
 * small fleet, with as much changing in view) what it would leave.
 */
export async function measureLayers(
  browser: Browser,
  serverUrl: string,
  phases: LayersPhases,
  layers: readonly Layer[],
): Promise<LayerRun[]> {
  const runs: LayerRun[] = [];
  for (const layer of layers) {
    // `still`: the list for a person who asked for reduced motion, so its
    // active and waiting dots do not pulse; the difference is the pulse's.
    const context = await browser.newContext({
      ...BROWSER_CONTEXT,
      reducedMotion: layer === 'still' ? 'reduce' : 'no-preference',
    });
    try {
      const pageErrors: string[] = [];
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
      await page.goto(`${serverUrl}${pathOf(layer)}`);
      await page.waitForFunction(READY[isList(layer) ? 'list' : 'layer'], undefined, {
        timeout: phases.loadTimeoutMs,
        polling: 100,
      });
      await sleep(phases.warmUpMs);
      const frames = (): Promise<number | undefined> =>
        isList(layer)
          ? Promise.resolve(undefined)
          : (page.evaluate('window.__layer.frames') as Promise<number>);
      const framesBefore = await frames();
      if (isList(layer)) await page.evaluate('window.__bench.begin()');
      const before = await metrics(cdp);
      const cpuBefore = chromiumCpuMs();
      const startedAt = performance.now();
      await sleep(phases.steadyMs);
      const seconds = (performance.now() - startedAt) / 1000;
      const cpuAfter = chromiumCpuMs();
      const after = await metrics(cdp);
      const framesAfter = await frames();
      const rows = isList(layer)
        ? ((await page.evaluate('window.__bench.end()')) as WindowResult).rows
        : undefined;
      runs.push({
        layer,
        mainThread: mainThreadBetween(before, after),
        browserCpuMsPerSecond: cpuMsBetween(cpuBefore, cpuAfter) / seconds,
        framesPerSecond:
          framesBefore === undefined || framesAfter === undefined
            ? undefined
            : (framesAfter - framesBefore) / seconds,
        ...(rows === undefined
          ? {}
          : {
              rows: {
                updatedPerSecond: rows.updated / seconds,
                replacedPerSecond: (rows.reused + rows.entered) / seconds,
                commitsPerSecond: rows.commits / seconds,
              },
            }),
        pageErrors,
      });
    } finally {
      await context.close();
    }
  }
  return runs;
}
