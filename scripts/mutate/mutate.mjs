// @ts-check
/**
 * `pnpm mutate`: Stryker on the rules listed in stryker.config.mjs, then the
 * score per folder against its break threshold (exit 1 if one is under).
 *
 *   pnpm mutate              every listed file (incremental: only mutants whose
 *                            code or tests changed since the last run are run)
 *   pnpm mutate --changed    only listed files changed since the merge base with
 *                            main (committed or not), or whose test beside them changed
 *   pnpm mutate --changed=REF   the same against REF (CI: HEAD^1, what the last commit brought)
 *   pnpm mutate --only=GROUP the files of one folder, e.g. --only=core/health
 *
 * Any other argument goes to `stryker run` as is.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { MUTATED, MUTATION_REPORT } from '../../stryker.config.mjs';

const args = process.argv.slice(2);
const changedArg = args.find((arg) => arg === '--changed' || arg.startsWith('--changed='));
const onlyArg = args.find((arg) => arg.startsWith('--only='));
const strykerArgs = args.filter((arg) => arg !== changedArg && arg !== onlyArg);

/** A glob of the config (`dir/*.ts` or a plain path) as a RegExp; `*` stays inside one folder. */
function globToRegExp(glob) {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

const NOT_MUTATED = [/\.test\.ts$/, /\/index\.ts$/, /\/types\.ts$/];

/** The group a repository path belongs to, if it is mutated at all. */
function groupOf(path) {
  if (NOT_MUTATED.some((pattern) => pattern.test(path))) return undefined;
  for (const [group, { files }] of Object.entries(MUTATED)) {
    if (files.some((glob) => globToRegExp(glob).test(path))) return group;
  }
  return undefined;
}

function git(...gitArgs) {
  return execFileSync('git', gitArgs, { encoding: 'utf8' }).trim();
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

function resolveBase(ref) {
  if (ref !== undefined) return git('rev-parse', '--verify', ref);
  for (const candidate of ['main', 'origin/main']) {
    try {
      return git('merge-base', 'HEAD', candidate);
    } catch {
      // Try the next name: a CI clone may only have origin/main.
    }
  }
  throw new Error('no main branch to compare with: pass --changed=REF');
}

let mutate;
if (changedArg !== undefined) {
  const ref = changedArg.includes('=') ? changedArg.slice('--changed='.length) : undefined;
  const base = resolveBase(ref);
  mutate = changedFiles(base);
  console.log(`Changed since ${base.slice(0, 10)}: ${mutate.length} mutated file(s)`);
  for (const file of mutate) console.log(`  ${file}`);
  if (mutate.length === 0) {
    console.log('Nothing to mutate.');
    process.exit(0);
  }
} else if (onlyArg !== undefined) {
  const group = onlyArg.slice('--only='.length);
  const entry = MUTATED[group];
  if (entry === undefined) {
    console.error(`--only: no group ${group}; groups: ${Object.keys(MUTATED).join(', ')}`);
    process.exit(2);
  }
  mutate = entry.files;
}

const started = performance.now();
const run = spawnSync(
  'pnpm',
  ['exec', 'stryker', 'run', ...(mutate ? ['--mutate', mutate.join(',')] : []), ...strykerArgs],
  { stdio: 'inherit' },
);
const seconds = Math.round((performance.now() - started) / 1000);
if (run.status !== 0) process.exit(run.status ?? 1);

/** Detected (killed or timed out) over all valid mutants, as Stryker counts its score. */
function score(mutants) {
  let detected = 0;
  let valid = 0;
  for (const { status } of mutants) {
    if (status === 'Killed' || status === 'Timeout') detected += 1;
    if (['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(status)) valid += 1;
  }
  return { detected, valid, percent: valid === 0 ? 100 : (100 * detected) / valid };
}

const report = JSON.parse(readFileSync(MUTATION_REPORT, 'utf8'));
const byGroup = new Map();
for (const [path, file] of Object.entries(report.files)) {
  const group = groupOf(path);
  if (group === undefined) continue;
  byGroup.set(group, [...(byGroup.get(group) ?? []), ...file.mutants]);
}

let failed = false;
console.log(`\nMutation score per folder (${seconds} s):`);
for (const [group, { breakAt }] of Object.entries(MUTATED)) {
  const mutants = byGroup.get(group);
  if (mutants === undefined) continue;
  const { detected, valid, percent } = score(mutants);
  const under = percent < breakAt;
  failed ||= under;
  console.log(
    `  ${group.padEnd(28)} ${percent.toFixed(2).padStart(6)} %  (${detected}/${valid})  break at ${breakAt} %${under ? '  ← UNDER' : ''}`,
  );
}
process.exit(failed ? 1 : 0);
