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
    // The core and the client are pure: time is a parameter, and they know no
    // framework and no page (the client's environment.ts supplies them).
    files: ['packages/{core,client}/src/**/*.ts'],
    ignores: ['packages/*/src/**/*.test.ts', 'packages/*/src/test-utils/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NODE_ONLY,
            {
              group: ['react', 'react-*', 'react/*'],
              message: 'packages/core and packages/client are framework-agnostic.',
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
            'Take `now` as a parameter; only the default clock in packages/client/src/environment.ts reads it.',
        },
        {
          object: 'performance',
          property: 'now',
          message:
            'Take `now` as a parameter; only the default clock in packages/client/src/environment.ts reads it.',
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'window',
          message:
            'No page globals in this logic: inject them (packages/client/src/environment.ts).',
        },
        {
          name: 'document',
          message:
            'No page globals in this logic: inject them (packages/client/src/environment.ts).',
        },
      ],
    },
  },
  {
    // The core has no dependencies: the contract and the rules, nothing else.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NODE_ONLY,
            {
              regex: '^(?!\\.\\.?/)',
              message: 'packages/core has no dependencies: relative imports only.',
            },
          ],
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
