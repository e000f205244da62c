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

/**
 * React's entry points, answered by Preact's compat layer in this bundle
 * only: the hooks, ui's components and their libraries (Radix, Query,
 * Virtual, zustand) run on it, and React + React DOM's 68.5 kB gzip become
 * Preact's 9.2 kB (`pnpm size --breakdown`). The React packages keep real
 * React for their own users. Where Preact differs (the order of effects,
 * see session-dot-button.tsx), the e2e suite on the built bundle finds it.
 */
const PREACT_COMPAT = (
  [
    ['react/jsx-runtime', 'preact/compat/jsx-runtime'],
    ['react/jsx-dev-runtime', 'preact/compat/jsx-dev-runtime'],
    ['react-dom/client', 'preact/compat/client'],
    ['react-dom', 'preact/compat'],
    ['react', 'preact/compat'],
  ] as const
).map(([name, preact]) => ({
  find: new RegExp(`^${name}$`),
  // Resolved from here: the packages that import React (react, ui, Radix…)
  // do not depend on Preact, and pnpm would not let them find it.
  replacement: fileURLToPath(import.meta.resolve(preact)),
}));

// Preact (as React), the client and the styles inside, nothing external,
// nothing fetched, no eval — it runs under the OpenClaw Control UI's CSP
// (`script-src 'self'`).
export default defineConfig(({ mode }) => {
  const bundle = BUNDLES[mode];
  if (bundle === undefined) throw new Error(`no element bundle for mode "${mode}"`);
  return {
    plugins: [react()],
    resolve: { alias: PREACT_COMPAT },
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
