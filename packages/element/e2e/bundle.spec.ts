import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const bundle = readFileSync(
  fileURLToPath(new URL('../dist/session-heartbeat-element.js', import.meta.url)),
  'utf8',
);

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
  const gzipKb = gzipSync(bundle, { level: 9 }).length / 1000;
  test.info().annotations.push({ type: 'gzip size', description: `${gzipKb.toFixed(1)} kB` });
  expect(gzipKb).toBeLessThan(150);
});
