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
    usedBy: 'alert rules check of docs/alerts.yml',
    aptPackage: 'prometheus',
    find: () => (existsSync('/usr/bin/promtool') ? '/usr/bin/promtool' : undefined),
  },
  {
    name: 'Redis',
    usedBy: 'fleet tests, each on a redis-server of its own',
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

const stillMissing: TestTool[] = [];
for (const tool of TOOLS) {
  const path = tool.find();
  if (path === undefined) stillMissing.push(tool);
  else console.log(`${tool.name} for the ${tool.usedBy}: ${path}`);
}
if (stillMissing.length > 0) {
  // One sentence, whatever is missing: what, for which tests, and the one command that fixes it.
  const needs = stillMissing.map((tool) => `${tool.name} (for the ${tool.usedBy})`);
  const packages = stillMissing.map((tool) => tool.aptPackage).join(' ');
  console.error(
    `${new Intl.ListFormat('en').format(needs)} ${stillMissing.length === 1 ? 'is' : 'are'} needed and not installed: run ` +
      `\`sudo apt-get update && sudo apt-get install -y ${packages}\`, then \`pnpm test\` again.`,
  );
}
process.exitCode = stillMissing.length === 0 ? 0 : 1;
