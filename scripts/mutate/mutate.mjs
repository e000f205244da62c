// @ts-check
/**
 * `pnpm mutate`: Stryker on the folders listed in stryker.config.mjs, one
 * folder at a time, each with its own incremental file (a Stryker run keeps
 * only the files it mutated), then the score per folder against its break
 * threshold: exit 1 if one is under.
 *
 *   pnpm mutate                every folder; only mutants whose code or covering
 *                              tests changed since that folder's last run are run
 *   pnpm mutate --only=GROUP   one folder, e.g. --only=core/health
 *   pnpm mutate --changed      the listed files changed since the merge base with
 *                              main (committed or not), or whose test beside them changed
 *   pnpm mutate --changed=REF  the same against REF
 *   pnpm mutate --changed --list   only print which files that would mutate
 *
 * Any other argument goes to `stryker run` as is.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { MUTATED, MUTATION_REPORT } from '../../stryker.config.mjs';

const args = process.argv.slice(2);
const changedArg = args.find((arg) => arg === '--changed' || arg.startsWith('--changed='));
const onlyArg = args.find((arg) => arg.startsWith('--only='));
const listOnly = args.includes('--list');
const strykerArgs = args.filter((arg) => arg !== changedArg && arg !== onlyArg && arg !== '--list');

/** A glob of the config (a plain path or `dir/*.ts`) as a RegExp; `*` stays inside one folder. */
function globToRegExp(glob) {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

const NOT_MUTATED = [/\.test\.ts$/, /\/index\.ts$/, /\/types\.ts$/];
/** The same for Stryker's `--mutate` (it replaces the config's list, exclusions included). */
const NOT_MUTATED_GLOBS = ['!**/*.test.ts', '!**/index.ts', '!**/types.ts'];

/** The group a repository path belongs to, if it is mutated at all. */
function groupOf(path) {
  if (NOT_MUTATED.some((pattern) => pattern.test(path))) return undefined;
  for (const [group, { files }] of Object.entries(MUTATED)) {
    const left = files.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
    if (left.some((glob) => globToRegExp(glob).test(path))) continue;
    if (files.some((glob) => globToRegExp(glob).test(path))) return group;
  }
  return undefined;
}

function git(...gitArgs) {
  return execFileSync('git', gitArgs, { encoding: 'utf8' }).trim();
}

function resolveBase(ref) {
  if (ref !== undefined) return git('rev-parse', '--verify', ref);
  for (const candidate of ['main', 'origin/main']) {
    try {
      return git('merge-base', 'HEAD', candidate);
    } catch {
      // Try the next name: a clone may only have origin/main.
    }
  }
  throw new Error('no main branch to compare with: pass --changed=REF');
}

/** Listed source files that differ from `base` (or whose `.test.ts` does), in the tree as it is now. */
function changedFiles(base) {
  const paths = new Set([
    ...git('diff', '--name-only', '--diff-filter=d', base).split('\n'),
    ...git('ls-files', '--others', '--exclude-standard').split('\n'),
  ]);
  const files = new Set();
  for (const path of paths) {
    const source = path.replace(/\.test\.ts$/, '.ts');
    if (groupOf(source) !== undefined && existsSync(source)) files.add(source);
  }
  return [...files].sort();
}

/** Detected (killed or timed out) over the mutants that ran, as Stryker counts its score. */
function score(mutants) {
  let detected = 0;
  let valid = 0;
  for (const { status } of mutants) {
    if (status === 'Killed' || status === 'Timeout') detected += 1;
    if (['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(status)) valid += 1;
  }
  return { detected, valid, percent: valid === 0 ? 100 : (100 * detected) / valid };
}

/**
 * Whether a test changed since `incrementalFile` was written. Stryker's vitest
 * runner reports no test locations, so Stryker cannot tell a changed test from
 * an old one and would reuse every earlier survivor: then the run is forced.
 */
function testsChangedSince(incrementalFile) {
  if (!existsSync(incrementalFile)) return false;
  const writtenAt = statSync(incrementalFile).mtimeMs;
  const tests = git(
    'ls-files',
    '--cached',
    '--others',
    '--exclude-standard',
    'packages/core/src',
    'packages/emitter/src',
    'packages/openclaw/src',
  )
    .split('\n')
    .filter((path) => /\.test\.ts$/.test(path) && existsSync(path));
  return tests.some((path) => statSync(path).mtimeMs > writtenAt);
}

/** Runs Stryker on `mutate`; returns the mutants of its report by group. */
function runStryker(mutate, incrementalFile) {
  const force = !strykerArgs.includes('--force') && testsChangedSince(incrementalFile);
  if (force) console.log('A test changed since the last run: every mutant runs again.');
  const run = spawnSync(
    'pnpm',
    [
      'exec',
      'stryker',
      'run',
      '--mutate',
      [...mutate, ...NOT_MUTATED_GLOBS].join(','),
      '--incrementalFile',
      incrementalFile,
      ...(force ? ['--force'] : []),
      ...strykerArgs,
    ],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
  const report = JSON.parse(readFileSync(MUTATION_REPORT, 'utf8'));
  const byGroup = new Map();
  for (const [path, file] of Object.entries(report.files)) {
    const group = groupOf(path);
    if (group !== undefined) byGroup.set(group, [...(byGroup.get(group) ?? []), ...file.mutants]);
  }
  return byGroup;
}

const slug = (group) => group.replace(/[^a-z0-9]+/gi, '-');
const results = new Map();
const started = performance.now();

if (changedArg !== undefined) {
  const ref = changedArg.includes('=') ? changedArg.slice('--changed='.length) : undefined;
  const base = resolveBase(ref);
  const files = changedFiles(base);
  console.log(`Changed since ${base.slice(0, 10)}: ${files.length} mutated file(s)`);
  for (const file of files) console.log(`  ${file}`);
  if (files.length === 0) console.log('Nothing to mutate.');
  if (files.length === 0 || listOnly) process.exit(0);
  for (const [group, mutants] of runStryker(files, 'reports/incremental/changed.json')) {
    results.set(group, mutants);
  }
} else {
  const only = onlyArg?.slice('--only='.length);
  if (only !== undefined && MUTATED[only] === undefined) {
    console.error(`--only: no group ${only}; groups: ${Object.keys(MUTATED).join(', ')}`);
    process.exit(2);
  }
  for (const [group, { files }] of Object.entries(MUTATED)) {
    if (only !== undefined && group !== only) continue;
    console.log(`\n=== ${group}`);
    const byGroup = runStryker(files, `reports/incremental/${slug(group)}.json`);
    results.set(group, byGroup.get(group) ?? []);
    // Each run overwrites the report: keep one per folder.
    for (const extension of ['json', 'html']) {
      copyFileSync(
        MUTATION_REPORT.replace(/json$/, extension),
        `reports/mutation/${slug(group)}.${extension}`,
      );
    }
  }
}

let failed = false;
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(`\nMutation score per folder (${minutes} min):`);
for (const [group, { breakAt }] of Object.entries(MUTATED)) {
  const mutants = results.get(group);
  if (mutants === undefined) continue;
  const { detected, valid, percent } = score(mutants);
  const under = percent < breakAt;
  failed ||= under;
  console.log(
    `  ${group.padEnd(26)} ${percent.toFixed(2).padStart(6)} %  (${detected} of ${valid})  break at ${breakAt} %${under ? '  UNDER' : ''}`,
  );
}
process.exit(failed ? 1 : 0);
