// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_ONLY = { group: ['node:*', 'ws'], message: 'Browser packages import nothing of Node.' };

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/.tsbuild/',
      'storybook-static/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
      'reports/',
      '.stryker-tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.tsx', 'packages/react/**/*.ts', 'packages/ui/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // The core is pure: time is a parameter, and it knows no framework and no page.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts', 'packages/core/src/test-utils/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NODE_ONLY,
            {
              group: ['react', 'react-*', 'react/*'],
              message: 'packages/core is framework-agnostic.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message:
            'Take `now` as a parameter; only the default clock in client/environment.ts reads it.',
        },
        {
          object: 'performance',
          property: 'now',
          message:
            'Take `now` as a parameter; only the default clock in client/environment.ts reads it.',
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'window',
          message: 'No page globals in core logic: inject them (client/environment.ts).',
        },
        {
          name: 'document',
          message: 'No page globals in core logic: inject them (client/environment.ts).',
        },
      ],
    },
  },
  {
    // What ships to the browser imports nothing of Node (tests and their helpers may).
    files: ['packages/{react,ui,element}/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/test-utils/**', '**/integration/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NODE_ONLY] }],
    },
  },
);
