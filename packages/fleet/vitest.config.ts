import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'fleet',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Every test file starts its own redis-server: a few seconds on two busy cores.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
