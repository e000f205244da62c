/**
 * `pnpm bench [--quick]`: the browser, server and bundle figures, printed
 * next to their targets and written to bench/results/ (latest.json,
 * latest.md; a full run also updates the table in bench/README.md).
 *
 * Slow figures never fail the run: it fails (exit 1) only when something
 * could not be measured.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright';
import * as prettier from 'prettier';
import { CHROMIUM } from '../../chromium';
import type { BenchResults, ScenarioResult } from './bench-results';
import {
  FULL_PLAN,
  INTERVAL_MS,
  QUICK_PLAN,
  type BenchPlan,
  type BrowserScenario,
} from './bench-plan';
import { log, message } from './bench-log';
import { buildPages } from './build-pages';
import { checkTabsTargets, checkTargets } from './check-targets';
import { describeMachine, sampleLoadAverage } from './describe-machine';
import { formatReport } from './format-report';
import { loadRateFor } from './load-rate';
import { measureBundle, type BundleMeasurement } from './measure-bundle';
import { measurePage, type PageMeasurement, type PageVariant } from './measure-page';
import { measureSnapshotSizes, type SnapshotSizeResult } from './measure-snapshot-sizes';
import { runHubBench, type HubMeasurement } from './run-hub-bench';
import { runLayersScenario, runTabsScenario } from './run-load-scenarios';
import { startLoadServer } from './start-load-server';
import { installExitCleanup } from './tracked-children';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));
const README = fileURLToPath(new URL('../README.md', import.meta.url));
const README_START = '<!-- bench:results:start -->';
const README_END = '<!-- bench:results:end -->';

const USAGE = `Usage: pnpm bench [--quick] [--scenario SESSIONSxTOTAL]... [--page list|naive] [--tabs] [--snapshots] [--layers]

  --quick      1,000 sessions, short windows: well under a minute (what CI runs)
  --scenario   only this browser scenario of the plan, e.g. 10000x5000 (repeatable);
               skips the hub and the bundle, and writes no results (for profiling)
  --page       only this page (list or naive); same as --scenario otherwise
  --snapshots  only the first load at 40, 1,000, 10,000 and 50,000 sessions (writes nothing)
  --tabs       only the "10 tabs" scenario (full plan); same as --scenario otherwise
  --layers     only "where the main thread goes": the socket, the decoder, the client
               and the list, each alone at the target scenario, and the list against
               a small fleet with as much changing in view (the floor; writes nothing)
  -h, --help
`;

/** Narrows the plan for a look at one scenario or page (nothing is written then). */
function narrowPlan(
  plan: BenchPlan,
  scenarios: string[],
  page: string | undefined,
  tabsOnly: boolean,
): BenchPlan {
  if (tabsOnly) {
    if (plan.tabs === undefined) throw new Error(`the ${plan.mode} plan has no tabs scenario`);
    return { ...plan, scenarios: [], layers: undefined };
  }
  if (page !== undefined && page !== 'list' && page !== 'naive') {
    throw new Error(`--page must be list or naive, got ${page}`);
  }
  const wanted = new Set(scenarios);
  const narrowed = plan.scenarios
    .filter(
      (scenario) =>
        wanted.size === 0 || wanted.has(`${scenario.sessions}x${scenario.messagesPerSecond}`),
    )
    .map((scenario) => ({
      ...scenario,
      variants: scenario.variants.filter((variant) => page === undefined || variant === page),
    }));
  if (narrowed.length === 0) {
    const known = plan.scenarios.map((s) => `${s.sessions}x${s.messagesPerSecond}`).join(', ');
    throw new Error(`no such scenario in the ${plan.mode} plan (it has ${known})`);
  }
  const { tabs: _tabs, layers: _layers, ...withoutTabs } = plan;
  return { ...withoutTabs, scenarios: narrowed };
}

/** What makes a page's figures unusable (slow is fine; missing is not). */
function unmeasured(label: string, page: PageMeasurement): string[] {
  const problems: string[] = [];
  if (page.steady.latency.samples === 0) problems.push(`${label}: no arrival → DOM sample`);
  if (page.steady.heartbeatsPerSecond === 0) problems.push(`${label}: no heartbeat arrived`);
  if (!Number.isFinite(page.steady.mainThread.busyMsPerSecond)) {
    problems.push(`${label}: no main-thread time`);
  }
  if (page.scroll.frames === 0) problems.push(`${label}: no frame while scrolling`);
  for (const error of page.pageErrors) problems.push(`${label}: the page threw: ${error}`);
  return problems;
}

async function measureVariant(
  plan: BenchPlan,
  scenario: BrowserScenario,
  serverUrl: string,
  variant: PageVariant,
): Promise<{ page: PageMeasurement; chromium: string }> {
  const browser: Browser = await chromium.launch(CHROMIUM);
  try {
    const steadyMs = scenario.steadyMs?.[variant] ?? plan.phases.steadyMs;
    const warmUpMs = scenario.warmUpMs?.[variant] ?? plan.phases.warmUpMs;
    const page = await measurePage(browser, serverUrl, variant, {
      ...plan.phases,
      steadyMs,
      warmUpMs,
    });
    return { page, chromium: browser.version() };
  } finally {
    await browser.close();
  }
}

async function runScenario(
  plan: BenchPlan,
  scenario: BrowserScenario,
  pagesDir: string,
  problems: string[],
  onChromium: (version: string) => void,
): Promise<ScenarioResult> {
  const rate = loadRateFor(scenario.sessions, scenario.messagesPerSecond, INTERVAL_MS);
  const result: ScenarioResult = {
    sessions: scenario.sessions,
    messagesPerSecond: scenario.messagesPerSecond,
    rate,
  };
  const server = await startLoadServer({
    sessions: scenario.sessions,
    rate,
    intervalMs: INTERVAL_MS,
    staticDir: pagesDir,
  });
  try {
    for (const variant of scenario.variants) {
      const label = `${variant}, ${scenario.sessions} sessions at ${scenario.messagesPerSecond}/s`;
      log(`${label} (--rate ${rate})…`);
      try {
        const { page, chromium: version } = await measureVariant(
          plan,
          scenario,
          server.url,
          variant,
        );
        onChromium(version);
        result[variant] = page;
        problems.push(...unmeasured(label, page));
      } catch (error) {
        problems.push(`${label}: ${message(error)}`);
      }
    }
  } finally {
    await server.stop();
  }
  const listBusy = result.list?.steady.mainThread.busyMsPerSecond;
  const naiveBusy = result.naive?.steady.mainThread.busyMsPerSecond;
  if (listBusy !== undefined && naiveBusy !== undefined) {
    result.mainThreadRatio = naiveBusy / listBusy;
  }
  return result;
}

async function writeResults(results: BenchResults, report: string): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(`${RESULTS_DIR}latest.json`, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(`${RESULTS_DIR}latest.md`, report);
  if (results.mode !== 'full') return;
  const readme = await readFile(README, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) {
    log(`README.md has no ${README_START} … ${README_END} section: not updated`);
    return;
  }
  const next = `${readme.slice(0, start + README_START.length)}\n\n${report}\n${readme.slice(end)}`;
  // Formatted as the repository formats Markdown, so `pnpm format:check` stays clean.
  const options = await prettier.resolveConfig(README);
  await writeFile(README, await prettier.format(next, { ...options, filepath: README }));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true, default: [] },
      page: { type: 'string' },
      snapshots: { type: 'boolean', default: false },
      tabs: { type: 'boolean', default: false },
      layers: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  installExitCleanup();
  const narrowed =
    values.scenario.length > 0 ||
    values.page !== undefined ||
    values.tabs ||
    values.snapshots ||
    values.layers;
  const fullPlan = values.quick ? QUICK_PLAN : FULL_PLAN;
  const plan: BenchPlan = values.snapshots
    ? { ...FULL_PLAN, scenarios: [], tabs: undefined, layers: undefined }
    : values.layers
      ? { ...FULL_PLAN, scenarios: [], tabs: undefined, snapshotSizes: [] }
      : narrowed
        ? { ...narrowPlan(fullPlan, values.scenario, values.page, values.tabs), snapshotSizes: [] }
        : fullPlan;
  const startedAt = new Date();
  const loadAverage = sampleLoadAverage();
  const problems: string[] = [];
  log(`${plan.mode} run; building the bench pages and the bundles…`);

  const [pagesDir, bundle] = await Promise.all([
    buildPages(),
    narrowed
      ? undefined
      : measureBundle().catch((error: unknown): BundleMeasurement | undefined => {
          problems.push(`bundle: ${message(error)}`);
          return undefined;
        }),
  ]);

  let chromiumVersion = 'unknown';
  const scenarios: ScenarioResult[] = [];
  for (const scenario of plan.scenarios) {
    try {
      scenarios.push(
        await runScenario(plan, scenario, pagesDir, problems, (version) => {
          chromiumVersion = version;
        }),
      );
    } catch (error) {
      problems.push(
        `${scenario.sessions} sessions at ${scenario.messagesPerSecond}/s: ${message(error)}`,
      );
    }
  }

  let snapshotSizes: SnapshotSizeResult[] | undefined;
  if (plan.snapshotSizes.length > 0) {
    try {
      snapshotSizes = await measureSnapshotSizes({
        sizes: plan.snapshotSizes,
        runs: plan.phases.snapshotRuns,
        intervalMs: INTERVAL_MS,
        loadTimeoutMs: plan.phases.loadTimeoutMs,
        pagesDir,
        log,
      });
    } catch (error) {
      problems.push(`snapshot sizes: ${message(error)}`);
    }
  }

  const tabs = await runTabsScenario(plan, pagesDir, problems);
  const layers = await runLayersScenario(plan, pagesDir, problems);

  let hub: HubMeasurement | undefined;
  if (!narrowed) {
    log(
      `hub: ${plan.hub.sessions} sessions, ${plan.hub.rate} transitions/s, ${plan.hub.clients} clients, ${plan.hub.seconds} s…`,
    );
    try {
      hub = await runHubBench(plan.hub);
    } catch (error) {
      problems.push(`hub: ${message(error)}`);
    }
  }

  const target = scenarios.find(
    (scenario) =>
      scenario.sessions === plan.targetScenario.sessions &&
      scenario.messagesPerSecond === plan.targetScenario.messagesPerSecond,
  );
  const results: BenchResults = {
    mode: plan.mode,
    startedAt: startedAt.toISOString(),
    durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
    machine: describeMachine(chromiumVersion),
    loadAverage: loadAverage.stop(),
    scenarios,
    ...(tabs === undefined ? {} : { tabs }),
    ...(layers === undefined ? {} : { layers }),
    ...(hub === undefined ? {} : { hub }),
    ...(bundle === undefined ? {} : { bundle }),
    ...(snapshotSizes === undefined ? {} : { snapshotSizes }),
    targets: [...checkTargets(target, hub, bundle), ...checkTabsTargets(tabs)],
    problems,
  };
  const report = formatReport(results);
  process.stdout.write(`\n${report}`);
  if (narrowed) {
    log(`a narrowed run: nothing written (${results.durationSeconds.toFixed(0)} s)`);
  } else {
    await writeResults(results, report);
    log(
      `written to bench/results/latest.json and latest.md (${results.durationSeconds.toFixed(0)} s)`,
    );
  }
  if (problems.length > 0) {
    log(`could not measure everything:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  log(message(error));
  return 1;
});
