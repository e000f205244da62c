import { defineConfig } from 'vitest/config';

// Every package and app keeps its own `vitest.config.ts`; this runs them all.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});
