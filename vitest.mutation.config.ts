import { defineConfig } from 'vitest/config';

/** The packages whose code `pnpm mutate` mutates (stryker.config.mjs): node tests only. */
const MUTATED_PACKAGES = ['core', 'client', 'emitter', 'openclaw'];

export default defineConfig({
  test: {
    projects: MUTATED_PACKAGES.map((name) => ({
      extends: `./packages/${name}/vitest.config.ts`,
      root: `./packages/${name}`,
      test: {
        setupFiles: ['../../scripts/mutate/fail-fast.ts'],
        // Scale and flood tests guard speed and robustness, not the rules;
        // with every line instrumented they would cost seconds per mutant.
        exclude: ['**/node_modules/**', '**/*.load.test.ts', '**/open-heartbeat-socket.test.ts'],
      },
    })),
  },
});
