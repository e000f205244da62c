/**
 * `pnpm fleet-demo`: a fleet on this machine. A Redis of its own (on a free
 * port, in a temporary directory), three mock gateways publishing to it, one
 * of them flaky (killed for 20 s every 2 min, as a crashed host would be), and
 * an aggregator serving the built dashboard. Prints the dashboard's URL.
 * `--port P` picks the aggregator's port (default 4318).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startRedis } from '@session-heartbeat/fleet/test-utils';
import {
  startAggregatorProcess,
  startMockServerProcess,
  type MockServerProcess,
} from '@session-heartbeat/mock-server';

const FLAKY_EVERY_MS = 120_000;
const FLAKY_DOWN_MS = 20_000;
const distDir = fileURLToPath(new URL('../dist', import.meta.url));

function fail(message: string): never {
  process.stderr.write(`fleet-demo: ${message}\n`);
  process.exit(2);
}

let port = 4318;
try {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });
  if (values.port !== undefined) port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError('--port 0–65535');
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (!existsSync(`${distDir}/index.html`)) {
  fail(`no built dashboard in ${distDir}; run "pnpm fleet-demo" from the repository root`);
}

const redis = await startRedis().catch((error: unknown) =>
  fail(`${error instanceof Error ? error.message : String(error)} (apt-get install redis-server)`),
);
const fleet = (source: string, gatewayPort = 0) => ({
  port: gatewayPort,
  scenario: 'demo' as const,
  seed: Number(source.slice(3)),
  fleet: { redisUrl: redis.url, source },
});
const gateways: MockServerProcess[] = await Promise.all(
  ['gw-1', 'gw-2'].map((source) => startMockServerProcess(fleet(source))),
);
let flaky: MockServerProcess | undefined = await startMockServerProcess(fleet('gw-3'));
const flakyPort = flaky.port;
const aggregator = await startAggregatorProcess({
  redisUrl: redis.url,
  port,
  staticDir: distDir,
});

const time = () => new Date().toLocaleTimeString('en-GB');
const timers: NodeJS.Timeout[] = [];
timers.push(
  setInterval(() => {
    const dying = flaky;
    if (dying === undefined) return;
    flaky = undefined;
    void dying.kill().then(() => {
      process.stdout.write(
        `  ${time()} gw-3 killed (SIGKILL); back in ${FLAKY_DOWN_MS / 1000} s\n`,
      );
      timers.push(
        setTimeout(() => {
          void startMockServerProcess(fleet('gw-3', flakyPort)).then((started) => {
            flaky = started;
            process.stdout.write(`  ${time()} gw-3 is back\n`);
          });
        }, FLAKY_DOWN_MS),
      );
    });
  }, FLAKY_EVERY_MS),
);

process.stdout.write(
  [
    '',
    `  Dashboard: ${aggregator.url}/`,
    '',
    `  Redis ${redis.url}; gateways gw-1, gw-2 and gw-3 (flaky: killed for ${FLAKY_DOWN_MS / 1000} s every ${FLAKY_EVERY_MS / 60_000} min)`,
    `  Sources: ${aggregator.url}/api/sources`,
    '  Press Ctrl+C to stop.',
    '',
    '',
  ].join('\n'),
);

await new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});
for (const timer of timers) clearTimeout(timer);
await aggregator.stop();
await Promise.all([...gateways, ...(flaky === undefined ? [] : [flaky])].map((gw) => gw.stop()));
await redis.stop();
