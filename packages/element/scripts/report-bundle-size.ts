// `pnpm --filter @session-heartbeat/element size`: the bundle's size as served, raw and gzipped.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const path = fileURLToPath(new URL('../dist/session-heartbeat-element.js', import.meta.url));
const bytes = readFileSync(path);
const kB = (size: number): string => `${(size / 1000).toFixed(1)} kB`;
console.log(
  `session-heartbeat-element.js: ${kB(bytes.length)} raw, ${kB(gzipSync(bytes, { level: 9 }).length)} gzip -9`,
);
