import { defineProject } from 'vitest/config';

// Unit tests of the dashboard's own logic; the dashboard itself is tested end to end (e2e/).
export default defineProject({
  test: {
    name: 'demo',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
