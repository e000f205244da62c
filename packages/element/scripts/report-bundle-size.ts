// `pnpm --filter @session-heartbeat/element size`: the bundle's size as served, raw and gzipped.
// `… size --breakdown`: what each group of dependencies adds to it (the bundle
// built again in memory without that group: gzip with it − without it), and
// what is left, our own code and stylesheet.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const root = fileURLToPath(new URL('../', import.meta.url));
const bytes = readFileSync(`${root}dist/session-heartbeat-element.js`);
const kB = (size: number): string => `${(size / 1000).toFixed(1)} kB`;
const gzip = (code: string | Buffer): number => gzipSync(code, { level: 9 }).length;
console.log(`session-heartbeat-element.js: ${kB(bytes.length)} raw, ${kB(gzip(bytes))} gzip -9`);

/** Dependencies by what they are for; resolved paths, as the React aliases give absolute ones. */
const GROUPS: readonly { name: string; test: RegExp }[] = [
  { name: 'preact (as React)', test: /[\\/]node_modules[\\/]preact[\\/]/ },
  { name: '@radix-ui/react-tooltip + Floating UI', test: /^@(radix-ui|floating-ui)\// },
  { name: '@tanstack/react-query + query-core', test: /^@tanstack\/(react-query|query-core)/ },
  { name: '@tanstack/react-virtual', test: /^@tanstack\/(react-virtual|virtual-core)/ },
  { name: 'zustand', test: /^zustand(\/|$)/ },
];

/** The production bundle (vite.config.ts), in memory, with `external` left out. */
async function gzipWithout(external: RegExp[]): Promise<number> {
  const result = (await build({
    root,
    configFile: `${root}vite.config.ts`,
    mode: 'production',
    logLevel: 'silent',
    build: { write: false, sourcemap: false, rolldownOptions: { external } },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const code = [result]
    .flat()
    .flatMap(({ output }) => output)
    .map((item) => (item.type === 'chunk' ? item.code : ''))
    .join('');
  return gzip(code);
}

if (process.argv.includes('--breakdown')) {
  const whole = await gzipWithout([]);
  let dependencies = 0;
  for (const { name, test } of GROUPS) {
    const cost = whole - (await gzipWithout([test]));
    dependencies += cost;
    console.log(`  ${name}: ${kB(cost)}`);
  }
  const ownCode = await gzipWithout(GROUPS.map(({ test }) => test));
  console.log(
    `  our code and stylesheet (every dependency left out): ${kB(ownCode)}` +
      ` (of ${kB(whole)}; the groups add ${kB(dependencies)})`,
  );
}
