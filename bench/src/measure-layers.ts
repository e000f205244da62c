import type { Browser } from 'playwright';
import { BROWSER_CONTEXT } from '../../chromium';
import { chromiumCpuMs, cpuMsBetween } from './chromium-cpu';
import { mainThreadBetween, metrics, type MainThreadTime } from './measure-page';

/** What each layer page runs on the main thread (see page/src/layers-page.ts). */
export const LAYERS = ['socket', 'decode', 'client', 'list', 'still'] as const;
export type Layer = (typeof LAYERS)[number];

export const LAYER_WORDS: Record<Layer, string> = {
  socket: 'WebSocket + JSON.parse',
  decode: 'WebSocket + decodeServerFrame',
  client: 'the client, no UI',
  list: 'the client + SessionList',
  still: 'the same, reduced motion (no pulse)',
};

export interface LayerRun {
  layer: Layer;
  mainThread: MainThreadTime;
  /** CPU ms/s of every Chromium process: what moving work off the main thread does not save. */
  browserCpuMsPerSecond: number;
  /** Frames the page heard per second (`undefined` for the lists, which do not count them). */
  framesPerSecond: number | undefined;
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
  return layer === 'list' || layer === 'still';
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
 * Each layer under the list alone, one after the other, in a context of its
 * own against the same load server: the main thread's busy time and the
 * whole browser's CPU in a steady-state window. The differences say what
 * each layer costs; the first says what any client pays on the main thread
 * before it does anything (the floor a worker-hosted client would lift).
 */
export async function measureLayers(
  browser: Browser,
  serverUrl: string,
  phases: LayersPhases,
): Promise<LayerRun[]> {
  const runs: LayerRun[] = [];
  for (const layer of LAYERS) {
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
      const before = await metrics(cdp);
      const cpuBefore = chromiumCpuMs();
      const startedAt = performance.now();
      await sleep(phases.steadyMs);
      const seconds = (performance.now() - startedAt) / 1000;
      const cpuAfter = chromiumCpuMs();
      const after = await metrics(cdp);
      const framesAfter = await frames();
      runs.push({
        layer,
        mainThread: mainThreadBetween(before, after),
        browserCpuMsPerSecond: cpuMsBetween(cpuBefore, cpuAfter) / seconds,
        framesPerSecond:
          framesBefore === undefined || framesAfter === undefined
            ? undefined
            : (framesAfter - framesBefore) / seconds,
        pageErrors,
      });
    } finally {
      await context.close();
    }
  }
  return runs;
}
