import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, type Rolldown } from 'vite';
import {
  measureElementBundle,
  type ElementBundleSize,
} from '../../packages/element/scripts/element-bundle-size';

const BUNDLE_DIR = fileURLToPath(new URL('../bundle/', import.meta.url));

/** The peers: a consumer has them anyway. */
const PEERS = /^(react|react-dom)(\/|$)/;

export interface BundleFigure {
  /** Minified JavaScript, bytes. */
  minifiedBytes: number;
  gzipBytes: number;
  /** The stylesheet (`@session-heartbeat/ui/styles.css`), gzip bytes. */
  cssGzipBytes: number;
}

export interface BundleMeasurement {
  /** Every export of core + react + ui, their dependencies included. */
  wholeApi: BundleFigure;
  /** The same with the dependencies external: our own code alone. */
  wholeApiOwnCode: BundleFigure;
  /** HeartbeatProvider + SessionList only, dependencies included. */
  dashboardList: BundleFigure;
  /** Dependencies bundled into `wholeApi`, as the bundler resolved them. */
  dependencies: string[];
  /** What each group of dependencies adds to `wholeApi` (gzip bytes: with it − without it). */
  dependencyCosts: { name: string; gzipBytes: number }[];
  /**
   * `@session-heartbeat/element`'s bundle, Preact inside as React (its own
   * Vite config). Absent from results written before 2026-12-06 09:30 UTC.
   */
  element?: ElementBundleSize;
}

/** Dependencies by what they are for, to say what the bundle is made of. */
const DEPENDENCY_GROUPS: readonly { name: string; test: RegExp }[] = [
  {
    name: '@tanstack/react-query + query-core',
    test: /^@tanstack\/(react-query|query-core)(\/|$)/,
  },
  { name: '@radix-ui/react-tooltip + Floating UI', test: /^@(radix-ui|floating-ui)\// },
  { name: '@tanstack/react-virtual', test: /^@tanstack\/(react-virtual|virtual-core)(\/|$)/ },
  { name: 'zustand', test: /^zustand(\/|$)/ },
];

type External = (id: string) => boolean;

const peersOnly: External = (id) => PEERS.test(id);
const everythingButOurs: External = (id) =>
  !id.startsWith('@session-heartbeat/') &&
  !id.startsWith('.') &&
  !isAbsolute(id) &&
  !id.startsWith('\0');

/** Vite library mode, minified for production, output kept in memory. */
async function bundle(
  entry: string,
  external: External,
): Promise<{ figure: BundleFigure; modules: string[] }> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: BUNDLE_DIR,
    plugins: [react()],
    // A consumer's production build drops the libraries' development branches.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      cssCodeSplit: false,
      lib: {
        entry: `${BUNDLE_DIR}${entry}`,
        formats: ['es'],
        fileName: 'bundle',
        cssFileName: 'bundle',
      },
      rolldownOptions: {
        external,
        // Library mode keeps whitespace in ES output; a consumer's app build would not.
        output: { minify: true },
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return; // Radix's "use client"
          warn(warning);
        },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  let js = '';
  let css = '';
  const modules: string[] = [];
  for (const { output } of outputs) {
    for (const item of output) {
      if (item.type === 'chunk') {
        js += item.code;
        modules.push(...Object.keys(item.modules));
      } else if (item.fileName.endsWith('.css')) {
        css += typeof item.source === 'string' ? item.source : Buffer.from(item.source).toString();
      }
    }
  }
  if (js.length === 0) throw new Error(`bundling ${entry} produced no JavaScript`);
  const gzip = (text: string): number => gzipSync(text, { level: 9 }).length;
  return {
    figure: {
      minifiedBytes: Buffer.byteLength(js),
      gzipBytes: gzip(js),
      cssGzipBytes: css ? gzip(css) : 0,
    },
    modules,
  };
}

function packageOf(modulePath: string): string | undefined {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(modulePath);
  return match?.[1];
}

/** The bundle figures, measured the way a consumer would bundle the packages. */
export async function measureBundle(): Promise<BundleMeasurement> {
  const [element, wholeApi, wholeApiOwnCode, dashboardList, ...withoutGroups] = await Promise.all([
    measureElementBundle(),
    bundle('whole-api.ts', peersOnly),
    bundle('whole-api.ts', everythingButOurs),
    bundle('dashboard-list.ts', peersOnly),
    ...DEPENDENCY_GROUPS.map(({ test }) =>
      bundle('whole-api.ts', (id) => peersOnly(id) || test.test(id)),
    ),
  ]);
  const dependencies = [
    ...new Set(wholeApi.modules.map(packageOf).filter((name) => name !== undefined)),
  ].sort();
  return {
    wholeApi: wholeApi.figure,
    wholeApiOwnCode: wholeApiOwnCode.figure,
    dashboardList: dashboardList.figure,
    dependencies,
    dependencyCosts: DEPENDENCY_GROUPS.map(({ name }, index) => ({
      name,
      gzipBytes: wholeApi.figure.gzipBytes - (withoutGroups[index]?.figure.gzipBytes ?? Number.NaN),
    })),
    element,
  };
}
