import type { Preview } from '@storybook/react-vite';
import '../packages/ui/src/styles.css';
import './preview.css';
import { checkOtherTheme } from './check-other-theme';

type Theme = 'light' | 'dark';

const preview: Preview = {
  // A docs page per component: its props table (from the types), controls and stories.
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Colour theme (sets data-theme on <html>)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' satisfies Theme },
  decorators: [
    (Story, { globals }) => {
      // On <html>, not a wrapper: tooltips portal to <body> and must follow the theme too.
      document.documentElement.dataset.theme = globals.theme === 'dark' ? 'dark' : 'light';
      return <Story />;
    },
  ],
  parameters: {
    layout: 'padded',
    options: {
      storySort: {
        order: ['Docs', ['Getting Started', 'Theming tokens'], 'Components', 'Theming'],
      },
    },
    // Any axe violation fails the story test.
    a11y: { test: 'error' },
  },
  // The a11y addon checks the theme the story runs in; this checks the other one.
  afterEach: checkOtherTheme,
};

export default preview;
