// `pnpm --filter @session-heartbeat/element size`: the bundle's size as served, raw and gzipped.
// `… size --breakdown`: what each group of dependencies adds to it (the bundle
// built again in memory without that group: gzip with it − without it), and
// what is left, our own code and stylesheet (element-bundle-size.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ELEMENT_DEPENDENCY_GROUPS,
  elementGzipWithout,
  gzipBytes,
  measureElementBundle,
} from './element-bundle-size';

const root = fileURLToPath(new URL('../', import.meta.url));
const bytes = readFileSync(`${root}dist/session-heartbeat-element.js`);
const kB = (size: number): string => `${(size / 1000).toFixed(1)} kB`;
console.log(
  `session-heartbeat-element.js: ${kB(bytes.length)} raw, ${kB(gzipBytes(bytes))} gzip -9`,
);

if (process.argv.includes('--breakdown')) {
  const { gzipBytes: whole, ownCodeGzipBytes: ownCode } = await measureElementBundle();
  let dependencies = 0;
  for (const { name, test } of ELEMENT_DEPENDENCY_GROUPS) {
    const cost = whole - (await elementGzipWithout([test]));
    dependencies += cost;
    console.log(`  ${name}: ${kB(cost)}`);
  }
  console.log(
    `  our code and stylesheet (every dependency left out): ${kB(ownCode)}` +
      ` (of ${kB(whole)}; the groups add ${kB(dependencies)})`,
  );
}
