import { fileURLToPath } from 'node:url';
import {
  controlApi,
  startMockServerProcess,
  type ControlApi,
  type MockServerProcess,
  type MockServerProcessOptions,
} from '@session-heartbeat/mock-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { BROWSER_CONTEXT, CHROMIUM } from '../../chromium';
import { readRecord, readView, recordPage, waitForView } from './observe-page';
import { sampleRss, type RssSampler } from './read-rss';
import {
  Checks,
  LIVE_WITHIN_MS,
  mb,
  sleep,
  type Scenario,
  type ScenarioFigures,
} from './scenario-kit';
import { startFaultProxy, type FaultProxy } from './start-fault-proxy';

const DASHBOARD_DIST = fileURLToPath(new URL('../../apps/demo/dist', import.meta.url));
const INTERVAL = 1000;
const SCALE = 'interval 1 s, unresponsive 3 s (the dashboard’s settings); faults in real seconds';
const RSS_BOUND_MB = 200;

/** The sessions every browser scenario starts with: none of them stalls within a scenario. */
const CAST: [string, { state?: 'idle' | 'tool_wait' | 'complete'; toolName?: string }][] = [
  ['agent:main:main', {}],
  ['agent:ops:telegram:direct:4711', { state: 'tool_wait', toolName: 'approval' }],
  ['agent:build:main', { state: 'complete' }],
  ['agent:research:main', {}],
  ['agent:gone:main', {}],
  ['agent:back:main', { state: 'tool_wait', toolName: 'exec' }],
];

let browser: Browser | undefined;

/** One Chromium for every browser scenario; closed by `closeBrowser`. */
async function theBrowser(): Promise<Browser> {
  browser ??= await chromium.launch(CHROMIUM);
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

interface PageWorld {
  server: MockServerProcess;
  control: ControlApi;
  proxy: FaultProxy;
  rss: RssSampler;
  context: BrowserContext;
  page: Page;
  restart(downMs: number): Promise<number>;
  close(): Promise<void>;
}

async function startServer(options: MockServerProcessOptions): Promise<MockServerProcess> {
  const server = await startMockServerProcess(options);
  const control = controlApi(server.url);
  for (const [key, init] of CAST) await control.createSession(key, init);
  return server;
}

/** The dashboard in Chromium, through the fault proxy, against the real server. */
async function openDashboard(options: { fakeClock?: boolean } = {}): Promise<PageWorld> {
  const flags: MockServerProcessOptions = {
    scenario: 'quiet',
    interval: INTERVAL,
    control: true,
    staticDir: DASHBOARD_DIST,
  };
  let server = await startServer(flags);
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port });
  const rss = sampleRss(server.pid);
  const context = await (await theBrowser()).newContext(BROWSER_CONTEXT);
  const page = await context.newPage();
  await page.addInitScript(() => {
    // The dashboard's own setting, at the suite's scale: unresponsive after 3 s.
    localStorage.setItem(
      'session-heartbeat.settings.v1',
      JSON.stringify({ unresponsiveAfterSeconds: 3 }),
    );
  });
  await recordPage(page);
  if (options.fakeClock === true) await page.clock.install();
  await page.goto(`${proxy.url}/`);
  await waitForView(
    page,
    (view) => view.pill === 'live' && view.rows.length === CAST.length,
    20_000,
  );
  return {
    get server() {
      return server;
    },
    get control() {
      return controlApi(server.url);
    },
    proxy,
    rss,
    context,
    page,
    async restart(downMs) {
      const { port } = server;
      await server.kill();
      await sleep(downMs);
      server = await startServer({ ...flags, port });
      rss.follow(server.pid);
      return performance.now();
    },
    async close() {
      rss.stop();
      await context.close();
      await proxy.close();
      await server.stop();
    },
  };
}

/** Waits until the page says it cannot hear the server, with every row grey. */
async function expectPageDeaf(world: PageWorld, checks: Checks): Promise<void> {
  const deaf = await waitForView(
    world.page,
    (view) => view.deaf && view.pill !== 'live',
    2 * INTERVAL + 3000,
  )
    .then(() => true)
    .catch(() => false);
  checks.expect(deaf, 'the page never said it could not hear the server');
  const view = await readView(world.page);
  checks.expect(
    view.rows.every((row) => row.health === 'unknown'),
    'deaf, yet rows not grey',
  );
  checks.expect(/reconnect|offline|polling/i.test(view.banner), `banner says "${view.banner}"`);
}

/** Live again within 5 s, and every row within 2 beats (2 × interval) of the server's own. */
async function measurePageRecovery(
  world: PageWorld,
  since: number,
  checks: Checks,
): Promise<Pick<ScenarioFigures, 'timeToLiveMs' | 'maxAgeMs' | 'ageLimitMs'>> {
  const liveAt = await waitForView(
    world.page,
    (view) => view.pill === 'live' && !view.deaf,
    20_000,
  ).catch(() => Infinity);
  const timeToLiveMs = Math.max(0, liveAt - since);
  checks.expect(
    timeToLiveMs <= LIVE_WITHIN_MS,
    `live ${Math.round(timeToLiveMs)} ms after (> 5 s)`,
  );
  let lag = 0;
  for (let waited = 0; waited <= 2 * INTERVAL; waited += 250) {
    const [view, listed] = await Promise.all([readView(world.page), world.control.list()]);
    const serverSeq = new Map(listed.map((beat) => [beat.sessionKey, beat.seq]));
    for (const row of view.rows) lag = Math.max(lag, (serverSeq.get(row.key) ?? row.seq) - row.seq);
    await sleep(250);
  }
  const maxAgeMs = lag * INTERVAL;
  checks.expect(lag <= 2, `a row was ${lag} beats behind the server (> 2 × interval)`);
  return { timeToLiveMs, maxAgeMs, ageLimitMs: 2 * INTERVAL };
}

async function pageFigures(
  world: PageWorld,
  checks: Checks,
): Promise<Pick<ScenarioFigures, 'falseAlarms' | 'dishonest' | 'serverRssMb' | 'rssBoundMb'>> {
  const record = await readRecord(world.page);
  checks.expect(
    record.unresponsive.length === 0,
    `rows turned unresponsive: ${record.unresponsive.join(', ')}`,
  );
  checks.expect(
    record.dishonest === 0,
    `${record.dishonest} changes with rows not grey while deaf`,
  );
  const serverRssMb = mb(world.rss.peakBytes);
  checks.expect(serverRssMb <= RSS_BOUND_MB, `server RSS ${serverRssMb} MB > ${RSS_BOUND_MB} MB`);
  return {
    falseAlarms: record.unresponsive.length,
    dishonest: record.dishonest,
    serverRssMb,
    rssBoundMb: RSS_BOUND_MB,
  };
}

function browserScenario(
  name: string,
  scale: string,
  body: (world: PageWorld, checks: Checks) => Promise<Partial<ScenarioFigures>>,
  options: { fakeClock?: boolean } = {},
): Scenario {
  return {
    name,
    where: 'chromium',
    scale,
    async run() {
      const checks = new Checks();
      const world = await openDashboard(options);
      try {
        const figures = await body(world, checks);
        return { ...figures, ...(await pageFigures(world, checks)), failures: checks.failures };
      } finally {
        await world.close();
      }
    },
  };
}

const killAndRestart = browserScenario(
  'server kill -9, restart on the same port',
  SCALE,
  async (world, checks) => {
    const restarting = world.restart(3000);
    await expectPageDeaf(world, checks);
    return measurePageRecovery(world, await restarting, checks);
  },
);

const partition = browserScenario('partition of 10 s', SCALE, async (world, checks) => {
  world.proxy.setMode({ kind: 'partition' });
  const startedAt = performance.now();
  await expectPageDeaf(world, checks);
  await sleep(Math.max(0, startedAt + 10_000 - performance.now()));
  world.proxy.setMode({ kind: 'forward' });
  return measurePageRecovery(world, performance.now(), checks);
});

const deleteRecreate = browserScenario(
  'sessions deleted and re-created during a partition',
  `${SCALE}; then 3 × unresponsive watched`,
  async (world, checks) => {
    const { control } = world;
    // A session that lived a while (seq ≈ 30) before it is re-created.
    for (let turn = 0; turn < 15; turn += 1) {
      await control.transition('agent:back:main', { state: 'tool_exec', toolName: 'exec' });
      await control.transition('agent:back:main', { state: 'tool_wait', toolName: 'exec' });
    }
    world.proxy.setMode({ kind: 'partition' });
    await expectPageDeaf(world, checks);
    await control.remove('agent:gone:main');
    await control.remove('agent:back:main');
    await control.createSession('agent:back:main', { state: 'tool_wait', toolName: 'browser' });
    world.proxy.setMode({ kind: 'forward' });
    const recovery = await measurePageRecovery(world, performance.now(), checks);
    await sleep(9 * INTERVAL);
    const view = await readView(world.page);
    const back = view.rows.find((row) => row.key === 'agent:back:main');
    checks.expect(back?.health === 'waiting', `the re-created session shows ${back?.health}`);
    checks.expect(
      !view.rows.some((row) => row.key === 'agent:gone:main'),
      'a removed session is still shown',
    );
    return recovery;
  },
);

const TEN_MINUTES_MS = 600_000;

/** Hides or shows the page as a tab switch does (headless Chromium is always visible). */
function setHidden(page: Page, hidden: boolean): Promise<void> {
  // A string, not a function: tsx would wrap a function's getters in a helper the page lacks.
  return page.evaluate(`(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: '${hidden ? 'hidden' : 'visible'}' });
    Object.defineProperty(document, 'hidden', { configurable: true, value: ${String(hidden)} });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  })()`);
}

const hiddenTab = browserScenario(
  'hidden tab for 10 minutes (frozen, then woken)',
  `${SCALE}; frozen 3 s real (CDP), 10 min on both clocks (page.clock, mock clock)`,
  async (world, checks) => {
    const { page } = world;
    const cdp = await world.context.newCDPSession(page);
    await setHidden(page, true);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    await sleep(3000);
    await world.control.advanceClock(TEN_MINUTES_MS);
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await page.clock.fastForward(TEN_MINUTES_MS);
    const wokenAt = performance.now();
    await setHidden(page, false);
    return measurePageRecovery(world, wokenAt, checks);
  },
  { fakeClock: true },
);

export const BROWSER_SCENARIOS: Scenario[] = [killAndRestart, partition, deleteRecreate, hiddenTab];
