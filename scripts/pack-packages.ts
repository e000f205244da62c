import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

interface ExportTarget {
  types?: string;
  default?: string;
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  publishConfig?: { exports?: Record<string, string | ExportTarget> };
}

export interface PublishablePackage {
  name: string;
  /** Absolute path of the package's folder. */
  dir: string;
  manifest: Manifest;
}

export interface PackedPackage {
  name: string;
  version: string;
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** Paths inside the tarball, relative to `package/`. */
  files: string[];
}

/** Every package under `packages/` that is not private, in folder order. */
export function publishablePackages(): PublishablePackage[] {
  return readdirSync(`${ROOT}packages`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = `${ROOT}packages/${entry.name}`;
      const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as Manifest;
      return { name: manifest.name, dir, manifest };
    })
    .filter(({ manifest }) => manifest.private !== true);
}

/**
 * `pnpm build` of the publishable packages only (each package's `build`
 * script); `--built` on the command line says they are built already (CI
 * runs the package scripts right after `pnpm test`, which built them).
 */
export function buildPackages(): void {
  if (process.argv.includes('--built')) return;
  execFileSync('pnpm', ['--silent', '--filter', './packages/*', 'run', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** `pnpm pack` each package into `destination`, as a registry would receive it. */
export function packPackages(
  packages: readonly PublishablePackage[],
  destination: string,
): PackedPackage[] {
  return packages.map(({ dir }) => {
    const output = execFileSync('pnpm', ['pack', '--json', '--pack-destination', destination], {
      cwd: dir,
      encoding: 'utf8',
    });
    const packed = JSON.parse(output) as {
      name: string;
      version: string;
      filename: string;
      files: { path: string }[];
    };
    return {
      name: packed.name,
      version: packed.version,
      tarball: packed.filename,
      files: packed.files.map((file) => file.path),
    };
  });
}

/**
 * What a tarball lacks: a file some published export points at, JavaScript
 * without its source map, declarations without their declaration map.
 */
export function tarballProblems(pkg: PublishablePackage, packed: PackedPackage): string[] {
  const files = new Set(packed.files);
  const problems: string[] = [];
  const exports = pkg.manifest.publishConfig?.exports ?? {};
  for (const [subpath, target] of Object.entries(exports)) {
    const targets = typeof target === 'string' ? [target] : Object.values(target);
    for (const path of targets) {
      if (!files.has(path.replace(/^\.\//, ''))) {
        problems.push(`export "${subpath}" points at ${path}, which is not in the tarball`);
      }
    }
  }
  const js = packed.files.filter((file) => file.endsWith('.js'));
  const dts = packed.files.filter((file) => file.endsWith('.d.ts'));
  if (js.length === 0) problems.push('no JavaScript in dist/');
  if (dts.length === 0) problems.push('no .d.ts in dist/');
  // An entry that only re-exports a chunk has nothing to map; a chunk with code does.
  if (!packed.files.some((file) => file.endsWith('.js.map'))) problems.push('no source maps');
  if (!packed.files.some((file) => file.endsWith('.d.ts.map'))) {
    problems.push('no declaration maps');
  }
  return problems;
}
