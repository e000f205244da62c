// The element bundle's size, as `pnpm --filter @session-heartbeat/element size`
// prints it and `pnpm bench` holds it to its target: the production bundle
// (vite.config.ts) built in memory and gzipped at level 9, and what each group
// of dependencies adds to it (the bundle again without that group: gzip with
// it − without it).
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Dependencies by what they are for; resolved paths, as the React aliases give absolute ones. */
export const ELEMENT_DEPENDENCY_GROUPS: readonly { name: string; test: RegExp }[] = [
  { name: 'preact (as React)', test: /[\\/]node_modules[\\/]preact[\\/]/ },
  { name: '@radix-ui/react-tooltip + Floating UI', test: /^@(radix-ui|floating-ui)\// },
  { name: '@tanstack/react-query + query-core', test: /^@tanstack\/(react-query|query-core)/ },
  { name: '@tanstack/react-virtual', test: /^@tanstack\/(react-virtual|virtual-core)/ },
  { name: 'zustand', test: /^zustand(\/|$)/ },
];

export const gzipBytes = (code: string | Buffer): number => gzipSync(code, { level: 9 }).length;

/** The production bundle, in memory, with `external` left out: its JavaScript, gzip bytes. */
export async function elementGzipWithout(external: readonly RegExp[]): Promise<number> {
  const result = (await build({
    root,
    configFile: `${root}vite.config.ts`,
    mode: 'production',
    logLevel: 'silent',
    build: { write: false, sourcemap: false, rolldownOptions: { external: [...external] } },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const code = [result]
    .flat()
    .flatMap(({ output }) => output)
    .map((item) => (item.type === 'chunk' ? item.code : ''))
    .join('');
  if (code.length === 0) throw new Error('the element bundle built to no JavaScript');
  return gzipBytes(code);
}

export interface ElementBundleSize {
  /** The whole bundle (Preact, the libraries, our code and stylesheet), gzip bytes. */
  gzipBytes: number;
  /** Our own code and stylesheet, every dependency group left out, gzip bytes. */
  ownCodeGzipBytes: number;
}

/** The bundle's gzip size, whole and without its dependencies. */
export async function measureElementBundle(): Promise<ElementBundleSize> {
  const [whole, ownCode] = await Promise.all([
    elementGzipWithout([]),
    elementGzipWithout(ELEMENT_DEPENDENCY_GROUPS.map(({ test }) => test)),
  ]);
  return { gzipBytes: whole, ownCodeGzipBytes: ownCode };
}
