import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineProject, type Plugin } from 'vitest/config';
import { CHROMIUM } from '../../chromium';

const packageDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * The Storybook plugin replaces `test.include` with the stories; this adds the
 * package's own `*.test.ts(x)` back, so they run in the same real browser.
 */
const unitTestsToo: Plugin = {
  name: 'shb:unit-tests-too',
  config: () => ({ test: { include: [path.join(packageDir, 'src/**/*.test.{ts,tsx}')] } }),
};

// Every story is a test: rendered in headless Chromium, `play` run, axe in `error` mode.
export default defineProject({
  plugins: [storybookTest({ configDir: path.join(packageDir, '../../.storybook') }), unitTestsToo],
  // Pre-bundled up front: a dependency discovered mid-run reloads the page and fails tests.
  optimizeDeps: {
    // Crawled for imports before the run, so every dependency the stories use is found up front.
    entries: [path.join(packageDir, 'src/**/*.{ts,tsx}')],
    include: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      'axe-core',
    ],
  },
  test: {
    name: 'storybook',
    browser: {
      enabled: true,
      headless: true,
      // Debian's Chromium: test tools never download a browser.
      provider: playwright({
        launchOptions: CHROMIUM,
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
