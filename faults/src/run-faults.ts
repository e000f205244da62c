/**
 * `pnpm test:faults`: every fault scenario against the real server through
 * the fault proxy, the client in Node and the dashboard in Chromium. Prints
 * one line per scenario with its figures; exits 1 if any promise broke.
 * `--only TEXT` runs the scenarios whose name contains TEXT; `--serial` runs
 * them one at a time.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentManager } from '@tanstack/query-core';
import { BROWSER_SCENARIOS, closeBrowser } from './browser-scenarios';
import { CLOCK_SCENARIOS } from './clock-scenarios';
import { FLEET_SCENARIOS } from './fleet-scenarios';
import { formatFaultTable } from './format-fault-table';
import { LOAD_SCENARIOS } from './load-scenarios';
import { LONG_PARTITION, NETWORK_SCENARIOS } from './network-scenarios';
import type { Scenario, ScenarioResult } from './scenario-kit';

// The client polls through TanStack Query, which runs no refetch interval on a "server".
environmentManager.setIsServer(() => false);

/** A scenario that gave no figures: `failure` says why. */
function failedResult(scenario: Scenario, failure: string, wallMs: number): ScenarioResult {
  const { name, where, scale } = scenario;
  return { name, where, scale, falseAlarms: 0, dishonest: 0, failures: [failure], wallMs };
}

async function run(scenario: Scenario): Promise<ScenarioResult> {
  const startedAt = performance.now();
  const base = { name: scenario.name, where: scenario.where, scale: scenario.scale };
  try {
    const figures = await scenario.run();
    return { ...base, ...figures, wallMs: performance.now() - startedAt };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return failedResult(scenario, `threw: ${message}`, performance.now() - startedAt);
  }
}

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};

const only = argument('--only');
const chosen = (list: Scenario[]) =>
  list.filter((scenario) => only === undefined || scenario.name.includes(only));

const ALL = [
  ...NETWORK_SCENARIOS,
  LONG_PARTITION,
  ...CLOCK_SCENARIOS,
  ...LOAD_SCENARIOS,
  ...BROWSER_SCENARIOS,
  ...FLEET_SCENARIOS,
];

/** Runs its scenarios one after the other. */
async function lane(list: Scenario[]): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of chosen(list)) {
    const result = await run(scenario);
    const verdict = result.failures.length === 0 ? 'ok  ' : 'FAIL';
    console.log(
      `${verdict} ${result.name}, ${result.where} (${(result.wallMs / 1000).toFixed(1)} s)`,
    );
    results.push(result);
  }
  return results;
}

const suiteStartedAt = performance.now();
// Three lanes side by side, to keep the suite's wall time: the 60 s
// partition (it mostly waits) then the fleet's (real Redis, gateways and
// aggregators in processes of their own), the light Node scenarios, and the
// heavy ones (20,000 sessions, Chromium). The clock steps go last, after
// the heavy ones: they hold every session to 2 × interval (2 s) of age
// right after a step, and next to the 20,000-session scenario on two cores
// one came out 121 ms over, from starved timers rather than from the client
// (alone it passed 3 of 3). `--serial` runs everything in one lane.
//
// Each lane is a process of its own: a client under test keeps its own
// event loop, so its timers are not held up behind another lane's batch of
// 20,000 sessions (in one process, "half-open connection" once noticed the
// dead connection after more than 4 s, and alone it passed 3 of 3).
const LANES: Scenario[][] = [
  [LONG_PARTITION, ...FLEET_SCENARIOS],
  NETWORK_SCENARIOS,
  [...LOAD_SCENARIOS, ...BROWSER_SCENARIOS, ...CLOCK_SCENARIOS],
];

/** Runs lane `index` in a child process; its results come back through a file. */
async function laneInChild(index: number, directory: string): Promise<ScenarioResult[]> {
  const file = join(directory, `lane-${index}.json`);
  const args = [...process.execArgv, process.argv[1] as string, '--lane', String(index)];
  args.push('--results', file, ...(only === undefined ? [] : ['--only', only]));
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ScenarioResult[];
  } catch {
    // The process died before writing: every scenario of its lane failed.
    const failure = `its lane's process ended (exit code ${code}) without results`;
    return chosen(LANES[index] ?? []).map((scenario) => failedResult(scenario, failure, 0));
  }
}

const laneArgument = argument('--lane');
if (laneArgument !== undefined) {
  // A child: one lane, its results to the file the parent reads.
  const results = await lane(LANES[Number(laneArgument)] ?? []);
  await closeBrowser();
  await writeFile(argument('--results') as string, JSON.stringify(results));
  process.exit(0);
}

let laneResults: ScenarioResult[][];
if (process.argv.includes('--serial')) {
  laneResults = [await lane(ALL)];
} else {
  const directory = await mkdtemp(join(tmpdir(), 'faults-'));
  try {
    // A lane with none of the chosen scenarios (`--only`) starts no process.
    const running = LANES.flatMap((list, index) => (chosen(list).length > 0 ? [index] : []));
    laneResults = await Promise.all(running.map((index) => laneInChild(index, directory)));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
const results = laneResults
  .flat()
  .sort(
    (a, b) =>
      ALL.findIndex((s) => s.name === a.name && s.where === a.where) -
      ALL.findIndex((s) => s.name === b.name && s.where === b.where),
  );
await closeBrowser();
console.log(`\n${formatFaultTable(results)}`);
const failed = results.filter((result) => result.failures.length > 0).length;
console.log(
  `\n${results.length} scenarios, ${failed} failed, in ${((performance.now() - suiteStartedAt) / 1000).toFixed(0)} s (${laneResults.length} lane${laneResults.length === 1 ? '' : 's'})`,
);
process.exit(failed > 0 ? 1 : 0);
