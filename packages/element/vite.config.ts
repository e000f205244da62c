import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The bundle a host serves from its own origin. */
const BUNDLE_FILE = 'session-heartbeat-element.js';

// One self-contained ES module: React, the client and the styles inside,
// nothing external, nothing fetched, no eval — it runs under the OpenClaw
// Control UI's CSP (`script-src 'self'`).
export default defineConfig({
  plugins: [react()],
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    sourcemap: true,
    lib: {
      entry: fileURLToPath(new URL('src/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => BUNDLE_FILE,
    },
    rolldownOptions: {
      // A slow plugin on a busy 2-core machine is not news worth a warning.
      checks: { pluginTimings: false },
      external: [],
      // Library mode keeps whitespace in ES output (for re-bundling); this
      // bundle is served as it is, so it is minified in full.
      output: { minify: true, comments: { annotation: false, jsdoc: false, legal: true } },
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
