import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mock-server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Some tests start the CLI through pnpm: ≈ 2 s alone, longer on two busy cores.
    testTimeout: 20_000,
  },
});
