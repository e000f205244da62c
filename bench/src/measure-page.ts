import type { Browser, CDPSession, Page } from 'playwright';
import { BROWSER_CONTEXT } from '../../chromium';
import type { LoadTimes, RowChurn, ScrollResult, WindowResult } from '../shared/bench-page-api';
import { readSnapshotTrace, SNAPSHOT_TRACE_CATEGORIES, type SnapshotTimes } from './snapshot-trace';

export type PageVariant = 'list' | 'naive';

const PAGE_FILES: Readonly<Record<PageVariant, string>> = {
  list: 'index.html',
  naive: 'naive.html',
};

export interface PagePhases {
  /** After the first paint, before measuring: the load reaches its steady state. */
  warmUpMs: number;
  steadyMs: number;
  scrollMs: number;
  /** Scrolled every animation frame. */
  scrollPxPerFrame: number;
  /** How long the first paint may take before the run counts as failed. */
  loadTimeoutMs: number;
  /**
   * Page loads the snapshot figures are taken from (each in a fresh context;
   * the median by first paint is kept): one load is one noisy sample.
   */
  snapshotRuns: number;
}

/** Main-thread time, from CDP `Performance.getMetrics`, per second of wall time. */
export interface MainThreadTime {
  /** `TaskDuration`: everything the main thread ran. */
  busyMsPerSecond: number;
  scriptMsPerSecond: number;
  layoutMsPerSecond: number;
  styleMsPerSecond: number;
}

export interface PageMeasurement {
  variant: PageVariant;
  /** The median load by first paint; `firstPaintRunsMs`: every load's. */
  snapshot: SnapshotTimes & { inPage: LoadTimes; firstPaintRunsMs: number[] };
  steady: {
    seconds: number;
    heartbeatsPerSecond: number;
    framesPerSecond: number;
    latency: WindowResult['latency'];
    longTasks: WindowResult['longTasks'];
    rowsPerSecond: RowChurn;
    mainThread: MainThreadTime;
  };
  memory: {
    /** CDP `Runtime.getHeapUsage().usedSize` after `HeapProfiler.collectGarbage`, bytes. */
    jsHeapUsedBytes: number;
    /** `document.getElementsByTagName('*').length`. */
    domElements: number;
    /** CDP `Performance.getMetrics` `Nodes` after the GC (text nodes included). */
    domNodes: number;
  };
  scroll: ScrollResult & { mainThread: MainThreadTime };
  /** Errors the page threw (the run is suspect if any). */
  pageErrors: string[];
}

export type Metrics = Record<string, number>;

export async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

export function mainThreadBetween(before: Metrics, after: Metrics): MainThreadTime {
  const seconds = (after.Timestamp ?? 0) - (before.Timestamp ?? 0);
  const perSecond = (name: string): number =>
    seconds > 0 ? (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / seconds : Number.NaN;
  return {
    busyMsPerSecond: perSecond('TaskDuration'),
    scriptMsPerSecond: perSecond('ScriptDuration'),
    layoutMsPerSecond: perSecond('LayoutDuration'),
    styleMsPerSecond: perSecond('RecalcStyleDuration'),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Calls `window.__bench.<call>` (as a string: nothing of the driver's code runs in the page). */
function bench<T>(page: Page, call: string): Promise<T> {
  return page.evaluate(`window.__bench.${call}`) as Promise<T>;
}

/** Loads the page with the trace on, until the first frame after rows were shown. */
async function tracedLoad(
  browser: Browser,
  page: Page,
  url: string,
  loadTimeoutMs: number,
): Promise<TracedLoad> {
  await browser.startTracing(page, { categories: SNAPSHOT_TRACE_CATEGORIES });
  let trace: Buffer;
  try {
    await page.goto(url);
    await page.waitForFunction(
      '(({ firstFrameAt, snapshotCompleteAt }) => firstFrameAt !== undefined && snapshotCompleteAt !== undefined)(window.__bench?.loadTimes() ?? {})',
      undefined,
      {
        timeout: loadTimeoutMs,
        polling: 100,
      },
    );
  } finally {
    trace = await browser.stopTracing();
  }
  const inPage = await bench<LoadTimes>(page, 'loadTimes()');
  return { ...readSnapshotTrace(trace.toString('utf8')), inPage };
}

export type TracedLoad = SnapshotTimes & { inPage: LoadTimes };

/** `runs` loads of the list page at `url`, each traced in a fresh context. */
export async function tracedLoads(
  browser: Browser,
  url: string,
  runs: number,
  loadTimeoutMs: number,
): Promise<TracedLoad[]> {
  const loads: TracedLoad[] = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext(BROWSER_CONTEXT);
    try {
      loads.push(await tracedLoad(browser, await context.newPage(), url, loadTimeoutMs));
    } finally {
      await context.close();
    }
  }
  return loads;
}

/**
 * One page against a running load server: the snapshot (traced; the median
 * of `snapshotRuns` loads), a warm-up, the steady-state window, memory after
 * a GC, then the scroll phase.
 */
export async function measurePage(
  browser: Browser,
  serverUrl: string,
  variant: PageVariant,
  phases: PagePhases,
): Promise<PageMeasurement> {
  const url = `${serverUrl}/${PAGE_FILES[variant]}`;
  const loads = await tracedLoads(browser, url, phases.snapshotRuns - 1, phases.loadTimeoutMs);
  const context = await browser.newContext(BROWSER_CONTEXT);
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    loads.push(await tracedLoad(browser, page, url, phases.loadTimeoutMs));
    const byFirstPaint = [...loads].sort((a, b) => a.toFirstPaintMs - b.toFirstPaintMs);
    const median = byFirstPaint[Math.floor((byFirstPaint.length - 1) / 2)] as (typeof loads)[0];
    const snapshot = {
      ...median,
      firstPaintRunsMs: loads.map((load) => load.toFirstPaintMs),
    };

    await sleep(phases.warmUpMs);
    const steadyBefore = await metrics(cdp);
    await bench(page, 'begin()');
    await sleep(phases.steadyMs);
    const window = await bench<WindowResult>(page, 'end()');
    const steadyAfter = await metrics(cdp);
    const seconds = window.elapsedMs / 1000;
    const perSecond = (count: number): number => count / seconds;

    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const afterGc = await metrics(cdp);
    const domElements = await bench<number>(page, 'domElements()');

    const scrollBefore = await metrics(cdp);
    const scroll = await bench<ScrollResult>(
      page,
      `scroll(${phases.scrollMs}, ${phases.scrollPxPerFrame})`,
    );
    const scrollAfter = await metrics(cdp);

    return {
      variant,
      snapshot,
      steady: {
        seconds,
        heartbeatsPerSecond: perSecond(window.heartbeats),
        framesPerSecond: perSecond(window.frames),
        latency: window.latency,
        longTasks: window.longTasks,
        rowsPerSecond: {
          entered: perSecond(window.rows.entered),
          left: perSecond(window.rows.left),
          updated: perSecond(window.rows.updated),
          reused: perSecond(window.rows.reused),
          commits: perSecond(window.rows.commits),
        },
        mainThread: mainThreadBetween(steadyBefore, steadyAfter),
      },
      memory: {
        jsHeapUsedBytes: heap.usedSize,
        domElements,
        domNodes: afterGc.Nodes ?? Number.NaN,
      },
      scroll: { ...scroll, mainThread: mainThreadBetween(scrollBefore, scrollAfter) },
      pageErrors,
    };
  } finally {
    await context.close();
  }
}
