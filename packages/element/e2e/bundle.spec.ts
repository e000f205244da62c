import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const bundle = readFileSync(
  fileURLToPath(new URL('../dist/session-heartbeat-element.js', import.meta.url)),
  'utf8',
);

/** The element's gzip budget, from the size-limit config `pnpm test:packages` checks. */
function budgetKb(): number {
  const entries = JSON.parse(
    readFileSync(fileURLToPath(new URL('../../../.size-limit.json', import.meta.url)), 'utf8'),
  ) as { name: string; limit: string }[];
  const limit = entries.find(({ name }) => name === '@session-heartbeat/element')?.limit;
  const kb = /^([\d.]+) kB$/.exec(limit ?? '')?.[1];
  if (kb === undefined) throw new Error(`no "N kB" budget for the element in .size-limit.json`);
  return Number(kb);
}

test('the bundle evaluates no strings as code (CSP script-src without unsafe-eval)', () => {
  expect(bundle.match(/\beval\s*\(/g) ?? []).toEqual([]);
  expect(bundle.match(/\bnew\s+Function\b/g) ?? []).toEqual([]);
  expect(bundle.match(/\bFunction\s*\(/g) ?? []).toEqual([]);
});

test('the bundle is self-contained, in production mode, and within its size budget', () => {
  // Nothing to fetch: no import of another module, static or dynamic.
  expect(bundle.match(/\bimport\s*\(|\bimport\s*["'{*]|\bfrom\s*["']/g) ?? []).toEqual([]);
  expect(bundle).not.toContain('process.env');
  expect(bundle).not.toContain('react-dom.development');
  // React is Preact's compat layer here: React DOM (its error links) is not in it.
  expect(bundle).not.toContain('react.dev/errors');
  const gzipKb = gzipSync(bundle, { level: 9 }).length / 1000;
  test.info().annotations.push({ type: 'gzip size', description: `${gzipKb.toFixed(1)} kB` });
  expect(gzipKb).toBeLessThan(budgetKb());
});
