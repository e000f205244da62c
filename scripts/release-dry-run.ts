// `pnpm release:dry-run` (CI): the release as it would happen, on a scratch
// copy of the working tree — `changeset version` applies the pending
// changesets (versions, CHANGELOG.md), then `pnpm publish -r --dry-run`
// packs what the registry would get. The repository itself is not touched.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackages, publishablePackages } from './pack-packages';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHANGESET = join(ROOT, 'node_modules/.bin/changeset');

function sh(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'shb-release-'));
try {
  buildPackages();
  // Tracked and new (not ignored) files: the tree as it is, not as last committed.
  const files = sh('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], ROOT)
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(ROOT, file)));
  for (const file of files) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    cpSync(join(ROOT, file), join(scratch, file));
  }
  for (const { dir } of publishablePackages()) {
    const relative = dir.slice(ROOT.length);
    cpSync(join(dir, 'dist'), join(scratch, relative, 'dist'), { recursive: true });
  }
  // pnpm resolves `workspace:^` from what is installed: link the copy, from the store.
  sh('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--ignore-scripts'], scratch);
  const pending = files.filter((file) => /^\.changeset\/(?!README)[^/]+\.md$/.test(file));
  console.log(`${pending.length} pending changeset(s): ${pending.join(', ') || 'none'}`);
  sh(CHANGESET, ['version'], scratch);
  // --no-git-checks: the scratch copy is not a git checkout.
  sh(
    'pnpm',
    ['publish', '--recursive', '--dry-run', '--no-git-checks', '--report-summary'],
    scratch,
  );
  const summary = JSON.parse(readFileSync(join(scratch, 'pnpm-publish-summary.json'), 'utf8')) as {
    publishedPackages: { name: string; version: string }[];
  };
  for (const { name, version } of summary.publishedPackages)
    console.log(`  would publish ${name}@${version}`);
  const expected = publishablePackages().length;
  if (summary.publishedPackages.length !== expected) {
    throw new Error(
      `expected ${expected} packages in the dry run, saw ${summary.publishedPackages.length}`,
    );
  }
  console.log(`release dry run: ${expected} packages would be published`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
