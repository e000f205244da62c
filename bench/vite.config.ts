import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const pageDir = fileURLToPath(new URL('./page', import.meta.url));

/**
 * The bench pages (the list, the naive baseline, the layers under the list), built for production (as the dashboard ships) and
 * served by the mock server itself (`--static`), so they share its origin.
 */
export default defineConfig({
  root: pageDir,
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/page', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: {
        list: `${pageDir}/index.html`,
        naive: `${pageDir}/naive.html`,
        layers: `${pageDir}/layers.html`,
      },
      onwarn(warning, warn) {
        // Radix ships "use client" directives that mean nothing in a client bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use client')) {
          return;
        }
        warn(warning);
      },
    },
  },
});
