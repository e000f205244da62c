import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'element',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test-setup.ts'],
    // `?inline` stylesheets are read for real: the tests look at what the shadow root gets.
    css: { include: [/\.css(\?|$)/] },
  },
});
