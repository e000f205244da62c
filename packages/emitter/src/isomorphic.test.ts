import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_DIR = new URL('.', import.meta.url).pathname;

function coreSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node' ? [] : coreSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the emitter core (outside src/node)', () => {
  const files = coreSources(SOURCE_DIR);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  // Browser stories run the emitter as it is: a Node import would break them.
  it.each(files.map((file) => [relative(SOURCE_DIR, file), file]))(
    '%s uses no Node API',
    (_name, file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      expect(code).not.toMatch(/from\s+['"](node:|ws['"]|fs['"]|http['"]|crypto['"])/);
      expect(code).not.toMatch(/\b(Buffer|process|require)\b/);
    },
  );
});
