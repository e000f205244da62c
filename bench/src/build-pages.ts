import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
export const PAGES_DIR = fileURLToPath(new URL('../dist/page', import.meta.url));

/** Builds the bench pages (page/) for production into dist/page. */
export async function buildPages(): Promise<string> {
  await build({ configFile: CONFIG, logLevel: 'warn' });
  return PAGES_DIR;
}
