import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  // The docs pages first (Getting Started, theming tokens), then every component.
  stories: ['./pages/*.mdx', '../packages/ui/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest', '@storybook/addon-a11y'],
  framework: { name: '@storybook/react-vite', options: {} },
  typescript: {
    // Props tables from the TypeScript types, unions and `@default`s included;
    // the HTML attributes a component passes through stay out of the table.
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      shouldExtractLiteralValuesFromEnum: true,
      shouldRemoveUndefinedFromOptional: true,
      propFilter: (prop) => !/node_modules/.test(prop.parent?.fileName ?? ''),
    },
  },
  // No internet on CI machines, and nothing to report home.
  core: { disableTelemetry: true },
  viteFinal(viteConfig) {
    viteConfig.build ??= {};
    // The preview bundles React, axe and Storybook's runtime: big by nature, and never on a page.
    viteConfig.build.chunkSizeWarningLimit = 2000;
    viteConfig.build.rolldownOptions ??= {};
    viteConfig.build.rolldownOptions.checks = {
      ...viteConfig.build.rolldownOptions.checks,
      pluginTimings: false,
    };
    const forward = viteConfig.build.rolldownOptions.onwarn;
    viteConfig.build.rolldownOptions.onwarn = (warning, warn) => {
      // Radix ships "use client" directives that mean nothing in a client bundle.
      if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use client')) {
        return;
      }
      if (forward) forward(warning, warn);
      else warn(warning);
    };
    return viteConfig;
  },
};

export default config;
