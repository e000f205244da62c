// `pnpm test:packages`: builds the publishable packages, packs each as a
// registry would receive it, and checks every tarball — its files, publint
// and Are the Types Wrong (ESM only) — then the gzip size budgets.
// Exits non-zero on any error, after printing them all.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackages, packPackages, publishablePackages, tarballProblems } from './pack-packages';

interface Outcome {
  ok: boolean;
  output: string;
}

function run(command: string, args: readonly string[]): Outcome {
  try {
    const output = execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const destination = mkdtempSync(join(tmpdir(), 'shb-packs-'));
let failures = 0;
try {
  buildPackages();
  const packages = publishablePackages();
  const packed = packPackages(packages, destination);
  for (const [index, tarball] of packed.entries()) {
    const pkg = packages[index];
    if (pkg === undefined) continue;
    const problems = tarballProblems(pkg, tarball);
    // publint fails only on errors; its warnings and suggestions are printed.
    const publint = run('pnpm', ['exec', 'publint', 'run', tarball.tarball, '--level', 'warning']);
    // A stylesheet entry has no types to find: TypeScript never resolves it.
    const stylesheets = Object.keys(pkg.manifest.publishConfig?.exports ?? {}).filter((subpath) =>
      subpath.endsWith('.css'),
    );
    // ESM only, said so in the README: the CommonJS resolutions are not ours to pass.
    const attw = run('pnpm', [
      'exec',
      'attw',
      tarball.tarball,
      ...(stylesheets.length > 0 ? ['--exclude-entrypoints', ...stylesheets] : []),
      '--profile',
      'esm-only',
      '--format',
      'table-flipped',
      '--no-emoji',
      '--no-color',
    ]);
    const ok = problems.length === 0 && publint.ok && attw.ok;
    if (!ok) failures += 1;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${tarball.name}@${tarball.version}: ${tarball.files.length} files` +
        ` (${tarball.files.filter((file) => file.startsWith('dist/')).length} in dist)`,
    );
    for (const problem of problems) console.log(`     contents: ${problem}`);
    if (!publint.ok || /warning|suggestion/i.test(publint.output)) {
      console.log(publint.output.replace(/^/gm, '     publint: ').trimEnd());
    }
    if (!attw.ok) console.log(attw.output.replace(/^/gm, '     attw: ').trimEnd());
  }
  // size-limit reads .size-limit.json: a gzip budget per entry, lowered when code goes and
  // raised only with a feature that needs the bytes (named in the commit that raises it).
  const sizes = run('pnpm', ['exec', 'size-limit']);
  console.log(sizes.output.trimEnd());
  if (!sizes.ok) failures += 1;
} finally {
  rmSync(destination, { recursive: true, force: true });
}
if (failures > 0) {
  console.error(`${failures} package check(s) failed.`);
  process.exitCode = 1;
}
