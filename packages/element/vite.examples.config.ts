import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const examplesDir = fileURLToPath(new URL('examples/', import.meta.url));
const distDir = fileURLToPath(new URL('dist/', import.meta.url));
/** The element's bundle, as `vite.config.ts` names it. */
const BUNDLE_FILE = 'session-heartbeat-element.js';
const STATIC_FILE = /\.(html|css|js|svg)$/;

/**
 * Copies the pages (HTML, CSS, the plain page's script) and the element
 * bundle next to the built Lit modules: `dist/examples` is then what a host
 * would serve, all from one origin.
 */
function examplePages(): Plugin {
  return {
    name: 'shb:example-pages',
    generateBundle() {
      if (!existsSync(`${distDir}${BUNDLE_FILE}`)) {
        this.error(`${distDir}${BUNDLE_FILE} is missing: build the element first (vite build).`);
      }
      for (const fileName of readdirSync(examplesDir).filter((name) => STATIC_FILE.test(name))) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(examplesDir + fileName) });
      }
      for (const fileName of [BUNDLE_FILE, `${BUNDLE_FILE}.map`]) {
        const path = `${distDir}${fileName}`;
        if (existsSync(path))
          this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
      }
    },
  };
}

// The example pages' own modules (Lit, the gateway source), built for the
// browser. The element is not in them: pages load its bundle on their own.
export default defineConfig({
  plugins: [examplePages()],
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist/examples',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: {
        'chat-app': `${examplesDir}chat-app.ts`,
        'openclaw-example': `${examplesDir}openclaw-example.ts`,
      },
      formats: ['es'],
    },
    rolldownOptions: {
      // A slow plugin on a busy 2-core machine is not news worth a warning.
      checks: { pluginTimings: false },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
      },
    },
  },
});
