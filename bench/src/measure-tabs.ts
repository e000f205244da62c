import type { Browser, BrowserContext, CDPSession, Page } from 'playwright';
import { BROWSER_CONTEXT, launchTabbedChromium } from '../../chromium';

import { startSocketCounter } from '../../apps/demo/e2e/support/start-socket-counter';
import { chromiumCpuMs, cpuMsBetween } from './chromium-cpu';
import { mainThreadBetween, metrics, type Metrics } from './measure-page';

export interface TabsPhases {
  /** Tabs open at once in the shared runs. */
  tabs: number;
  warmUpMs: number;
  steadyMs: number;
  loadTimeoutMs: number;
}

/** One browser context with some tabs of the list page, through the steady-state window. */
export interface TabsRun {
  label: string;
  tabs: number;
  /** Whether the tabs were left to share one connection (the client's default). */
  shared: boolean;
  /**
   * Whether the tabs were tabs of one window, as in a person's browser: the
   * first in front, the others in the background (hidden). Otherwise every
   * tab is visible and renders (Playwright emulates focus in each).
   */
  background: boolean;
  /** WebSocket connections the server had open at the end of the window. */
  serverConnections: number;
  /** The fewest and most open, sampled every 250 ms through the window. */
  serverConnectionsRange: [number, number];
  /** Connections opened during the window: reconnects (a tab that could not keep up, a handover). */
  connectionsOpenedInWindow: number;
  /** Per tab, `TaskDuration` ms/s over the window. */
  mainThreadMsPerSecond: number[];
  /** Summed over the tabs. */
  mainThreadTotalMsPerSecond: number;
  /** CPU ms/s of every Chromium process (browser, renderers, GPU, network). */
  browserCpuMsPerSecond: number;
  /** Per tab, rows whose `data-seq` changed per second: proof every tab is live. */
  rowUpdatesPerSecond: number[];
  /** Tabs whose `document.visibilityState` was `visible` at the end of the window. */
  visibleTabs: number;
  /**
   * Background runs: rows of the last tab that changed within `SHOWN_MS` of
   * bringing it to the front after the window (hidden, it renders nothing).
   */
  rowUpdatesWhenShown?: number;
  pageErrors: string[];
}

export interface TabsMeasurement {
  sessions: number;
  messagesPerSecond: number;
  oneTab: TabsRun;
  shared: TabsRun;
  unshared: TabsRun;
  /** One tab in front and the others behind it, sharing one connection: a person's browser. */
  background: TabsRun;
}

/** How long a tab brought to the front is watched for rows that change. */
const SHOWN_MS = 1000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Counts rows whose `data-seq` changes, from now on (read back with `readRowUpdates`). */
const COUNT_ROW_UPDATES = `(() => {
  window.__rowUpdates = 0;
  new MutationObserver((records) => { window.__rowUpdates += records.length; })
    .observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-seq'] });
})()`;

interface OpenContext {
  context: BrowserContext;
  close(): Promise<void>;
}

async function runTabs(
  open: () => Promise<OpenContext>,
  url: string,
  counter: { readonly open: number; readonly opened: number },
  run: { label: string; tabs: number; shared: boolean; background: boolean },
  phases: TabsPhases,
): Promise<TabsRun> {
  const { context, close } = await open();
  try {
    const pageErrors: string[] = [];
    const pages: { page: Page; cdp: CDPSession }[] = [];
    const query = run.shared ? '?latency=off' : '?latency=off&share=off';
    for (let index = 0; index < run.tabs; index += 1) {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
      await page.goto(`${url}${query}`);
      await page.waitForFunction(
        'window.__bench?.loadTimes().firstFrameAt !== undefined',
        undefined,
        { timeout: phases.loadTimeoutMs, polling: 100 },
      );
      pages.push({ page, cdp });
    }
    // Each new tab came to the front as it opened; the first goes back there.
    if (run.background) await pages[0]?.page.bringToFront();
    await sleep(phases.warmUpMs);
    for (const { page } of pages) await page.evaluate(COUNT_ROW_UPDATES);
    const before: Metrics[] = await Promise.all(pages.map(({ cdp }) => metrics(cdp)));
    const cpuBefore = chromiumCpuMs();
    const openedBefore = counter.opened;
    const startedAt = performance.now();
    let fewest = counter.open;
    let most = counter.open;
    const sampler = setInterval(() => {
      fewest = Math.min(fewest, counter.open);
      most = Math.max(most, counter.open);
    }, 250);
    await sleep(phases.steadyMs);
    clearInterval(sampler);
    const seconds = (performance.now() - startedAt) / 1000;
    const cpuAfter = chromiumCpuMs();
    const after: Metrics[] = await Promise.all(pages.map(({ cdp }) => metrics(cdp)));
    const serverConnections = counter.open;
    const updates = await Promise.all(
      pages.map(({ page }) => page.evaluate('window.__rowUpdates') as Promise<number>),
    );
    const visible = await Promise.all(
      pages.map(({ page }) => page.evaluate('document.visibilityState') as Promise<string>),
    );
    const mainThread = pages.map(
      (_, index) =>
        mainThreadBetween(before[index] as Metrics, after[index] as Metrics).busyMsPerSecond,
    );
    // A hidden tab renders nothing: that it was live shows when it comes to the front.
    let rowUpdatesWhenShown: number | undefined;
    const last = pages.at(-1)?.page;
    if (run.background && last !== undefined && pages.length > 1) {
      await last.evaluate('window.__rowUpdates = 0');
      await last.bringToFront();
      await sleep(SHOWN_MS);
      rowUpdatesWhenShown = (await last.evaluate('window.__rowUpdates')) as number;
    }
    return {
      ...run,
      serverConnections,
      serverConnectionsRange: [
        Math.min(fewest, serverConnections),
        Math.max(most, serverConnections),
      ],
      connectionsOpenedInWindow: counter.opened - openedBefore,
      mainThreadMsPerSecond: mainThread,
      mainThreadTotalMsPerSecond: mainThread.reduce((sum, ms) => sum + ms, 0),
      browserCpuMsPerSecond: cpuMsBetween(cpuBefore, cpuAfter) / seconds,
      rowUpdatesPerSecond: updates.map((count) => count / seconds),
      visibleTabs: visible.filter((state) => state === 'visible').length,
      ...(rowUpdatesWhenShown === undefined ? {} : { rowUpdatesWhenShown }),
      pageErrors,
    };
  } finally {
    await close();
  }
}

/**
 * Many tabs of the list page in one browser context (one profile, as a
 * person's browser), against one load server seen through a proxy that
 * counts its WebSocket connections: one tab; `tabs` tabs sharing one
 * connection (the default); and `tabs` tabs with a connection each (the
 * client before it shared). Figures: the server's connections, each tab's
 * main thread, and the CPU of every Chromium process, so the cost of a tab
 * that only listens shows too.
 */
export async function measureTabs(
  browser: Browser,
  serverUrl: string,
  phases: TabsPhases,
): Promise<Omit<TabsMeasurement, 'sessions' | 'messagesPerSecond'>> {
  const counter = await startSocketCounter(serverUrl);
  try {
    const url = `${counter.url}/index.html`;
    const visible = async (): Promise<OpenContext> => {
      const context = await browser.newContext(BROWSER_CONTEXT);
      return { context, close: () => context.close() };
    };
    const run = (label: string, tabs: number, shared: boolean): Promise<TabsRun> =>
      runTabs(visible, url, counter, { label, tabs, shared, background: false }, phases);
    const oneTab = await run('one tab', 1, true);
    const shared = await run(`${phases.tabs} tabs, one shared connection`, phases.tabs, true);
    const unshared = await run(`${phases.tabs} tabs, a connection each`, phases.tabs, false);
    const background = await runTabs(
      launchTabbedChromium,
      url,
      counter,
      {
        label: `${phases.tabs} tabs, one in front, one shared connection`,
        tabs: phases.tabs,
        shared: true,
        background: true,
      },
      phases,
    );
    return { oneTab, shared, unshared, background };
  } finally {
    await counter.close();
  }
}
