import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_DIR = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-utils' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the package sources', () => {
  const files = sources(SOURCE_DIR);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  // The gateway side runs in the gateway (Node), the client side in the Control UI page.
  it.each(files.map((file) => [relative(SOURCE_DIR, file), file]))(
    '%s uses no Node API and no page global',
    (_name, file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      expect(code).not.toMatch(/from\s+['"](node:|ws['"]|fs['"]|http['"]|crypto['"])/);
      expect(code).not.toMatch(/\b(Buffer|process|require|window|document)\b/);
      expect(code).not.toMatch(/\bDate\.now\(/);
    },
  );
});
