// `pnpm test` runs this first: every program the tests need besides Node is
// found, or installed with apt when we are root, or named in one sentence
// with the command that installs it. Browser tests are never skipped.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from '../chromium';
import { findRedisServer } from '../packages/fleet/src/test-utils/find-redis-server';

interface TestTool {
  name: string;
  /** What needs it, for the one line printed. */
  usedBy: string;
  /** Debian's package that provides it. */
  aptPackage: string;
  find: () => string | undefined;
}

const TOOLS: readonly TestTool[] = [
  {
    name: 'Chromium',
    usedBy: 'story, end-to-end and package tests',
    aptPackage: 'chromium',
    find: findChromium,
  },
  {
    name: 'promtool',
    usedBy: 'alert rules check (docs/alerts.yml)',
    aptPackage: 'prometheus',
    find: () => (existsSync('/usr/bin/promtool') ? '/usr/bin/promtool' : undefined),
  },
  {
    name: 'Redis',
    usedBy: 'fleet tests (a real redis-server of their own on a free port)',
    aptPackage: 'redis-server',
    find: findRedisServer,
  },
];

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function aptInstall(packages: readonly string[]): void {
  console.log(`Installing Debian's ${packages.join(', ')} with apt-get (about 90 s)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}

const missing = TOOLS.filter((tool) => tool.find() === undefined);
if (missing.length > 0 && isRoot() && existsSync('/usr/bin/apt-get')) {
  aptInstall(missing.map((tool) => tool.aptPackage));
}

let ready = true;
for (const tool of TOOLS) {
  const path = tool.find();
  if (path !== undefined) {
    console.log(`${tool.name} for the ${tool.usedBy}: ${path}`);
    continue;
  }
  ready = false;
  console.error(
    `${tool.name} is needed for the ${tool.usedBy} and is not installed: run ` +
      `\`sudo apt-get update && sudo apt-get install -y ${tool.aptPackage}\`, then \`pnpm test\` again.`,
  );
}
process.exitCode = ready ? 0 : 1;
