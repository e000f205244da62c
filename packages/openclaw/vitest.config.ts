import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'openclaw',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
