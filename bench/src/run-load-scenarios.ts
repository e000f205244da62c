import { chromium, type Browser } from 'playwright';
import { CHROMIUM } from '../../chromium';
import { log, message } from './bench-log';
import { INTERVAL_MS, type BenchPlan } from './bench-plan';
import { loadRateFor } from './load-rate';
import { LAYERS, measureLayers, type LayersMeasurement } from './measure-layers';
import { measureTabs, type TabsMeasurement } from './measure-tabs';
import { startLoadServer } from './start-load-server';

/**
 * Runs `measure` with a browser of its own against a load server of its own
 * (`sessions` at the load scenario's `rate`), and closes both after.
 */
async function withLoad<T>(
  sessions: number,
  rate: number,
  pagesDir: string,
  measure: (browser: Browser, serverUrl: string) => Promise<T>,
): Promise<T> {
  const server = await startLoadServer({
    sessions,
    rate,
    intervalMs: INTERVAL_MS,
    staticDir: pagesDir,
  });
  const browser = await chromium.launch(CHROMIUM);
  try {
    return await measure(browser, server.url);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The tabs scenario against its own load server, in a browser of its own. */
export async function runTabsScenario(
  plan: BenchPlan,
  pagesDir: string,
  problems: string[],
): Promise<TabsMeasurement | undefined> {
  const scenario = plan.tabs;
  if (scenario === undefined) return undefined;
  const { sessions, messagesPerSecond } = scenario;
  const rate = loadRateFor(sessions, messagesPerSecond, INTERVAL_MS);
  const label = `${scenario.tabs} tabs, ${sessions} sessions at ${messagesPerSecond}/s`;
  log(
    `${label} (--rate ${rate}): one tab, then ${scenario.tabs} shared, ${scenario.tabs} unshared, ${scenario.tabs} with one in front…`,
  );
  try {
    const runs = await withLoad(sessions, rate, pagesDir, (browser, url) =>
      measureTabs(browser, url, { ...scenario, loadTimeoutMs: plan.phases.loadTimeoutMs }),
    );
    for (const run of [runs.oneTab, runs.shared, runs.unshared, runs.background]) {
      for (const error of run.pageErrors) problems.push(`${label}, ${run.label}: ${error}`);
      // Tabs in the background render nothing; the front one, and the last one once shown, must.
      const rendering = run.background
        ? run.rowUpdatesPerSecond.slice(0, 1)
        : run.rowUpdatesPerSecond;
      if (rendering.some((rate) => rate === 0) || run.rowUpdatesWhenShown === 0) {
        problems.push(`${label}, ${run.label}: a tab showed no heartbeat`);
      }
    }
    return { sessions, messagesPerSecond, ...runs };
  } catch (error) {
    problems.push(`${label}: ${message(error)}`);
    return undefined;
  }
}

/** The layers under the list, each alone, against one load server in a browser of its own. */
export async function runLayersScenario(
  plan: BenchPlan,
  pagesDir: string,
  problems: string[],
): Promise<LayersMeasurement | undefined> {
  const scenario = plan.layers;
  if (scenario === undefined) return undefined;
  const { sessions, messagesPerSecond } = scenario;
  const rate = loadRateFor(sessions, messagesPerSecond, INTERVAL_MS);
  const label = `layers, ${sessions} sessions at ${messagesPerSecond}/s`;
  log(`${label} (--rate ${rate}): the socket, the decoder, the client and the list, each alone…`);
  const phases = { ...scenario, loadTimeoutMs: plan.phases.loadTimeoutMs };
  try {
    const runs = await withLoad(sessions, rate, pagesDir, (browser, url) =>
      measureLayers(
        browser,
        url,
        phases,
        LAYERS.filter((layer) => layer !== 'floor'),
      ),
    );
    const { floor } = scenario;
    if (floor !== undefined) {
      const floorRate = loadRateFor(floor.sessions, floor.messagesPerSecond, INTERVAL_MS);
      log(
        `layers: the floor, the list against ${floor.sessions} sessions at ${floor.messagesPerSecond}/s (--rate ${floorRate})…`,
      );
      const floorRuns = await withLoad(floor.sessions, floorRate, pagesDir, (browser, url) =>
        measureLayers(browser, url, phases, ['floor']),
      );
      runs.push(...floorRuns.map((run) => ({ ...run, fleet: floor })));
    }
    for (const run of runs) {
      for (const error of run.pageErrors) problems.push(`${label}, ${run.layer}: ${error}`);
      if (run.framesPerSecond === 0) problems.push(`${label}, ${run.layer}: no frame arrived`);
    }
    return { sessions, messagesPerSecond, runs };
  } catch (error) {
    problems.push(`${label}: ${message(error)}`);
    return undefined;
  }
}
