import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The two bundles, each one self-contained ES module: `vite build` makes the
 * one a host serves from its own origin (it registers both elements on
 * load); `vite build --mode manual` makes `manual.js`, the same without
 * registering (the package's `./manual` entry). A page loads one of them.
 */
const BUNDLES: Record<string, { entry: string; fileName: string }> = {
  production: { entry: 'src/index.ts', fileName: 'session-heartbeat-element.js' },
  manual: { entry: 'src/manual.ts', fileName: 'manual.js' },
};

// React, the client and the styles inside, nothing external, nothing
// fetched, no eval — it runs under the OpenClaw Control UI's CSP
// (`script-src 'self'`).
export default defineConfig(({ mode }) => {
  const bundle = BUNDLES[mode];
  if (bundle === undefined) throw new Error(`no element bundle for mode "${mode}"`);
  return {
    plugins: [react()],
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: false,
      copyPublicDir: false,
      sourcemap: true,
      lib: {
        entry: fileURLToPath(new URL(bundle.entry, import.meta.url)),
        formats: ['es'],
        fileName: () => bundle.fileName,
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
  };
});
