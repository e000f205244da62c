import type { ReactRenderer } from '@storybook/react-vite';
import type { AfterEach } from 'storybook/internal/types';

/**
 * In story tests, runs axe a second time with the other theme on <html>, so
 * every story is held to 0 violations in light and in dark without rendering
 * it twice. The a11y addon has already checked the story's own theme.
 */
export const checkOtherTheme: AfterEach<ReactRenderer> = async ({
  globals,
  parameters,
  viewMode,
}) => {
  const a11y = parameters.a11y as { test?: string; disable?: boolean } | undefined;
  if (!isStoryTest() || viewMode !== 'story' || a11y?.disable === true || a11y?.test !== 'error') {
    return;
  }
  const root = document.documentElement;
  const storyTheme = globals.theme === 'dark' ? 'dark' : 'light';
  const otherTheme = storyTheme === 'dark' ? 'light' : 'dark';
  const { default: axe } = await import('axe-core');
  root.dataset.theme = otherTheme;
  try {
    await nextFrame();
    axe.reset();
    // As the a11y addon: stories are fragments, not pages with landmarks.
    axe.configure({ rules: [{ id: 'region', enabled: false }] });
    const result = await axe.run({
      include: [document.body],
      exclude: [['.sb-wrapper'], ['#storybook-docs'], ['#storybook-highlights-root']],
    });
    if (result.violations.length > 0) {
      const details = result.violations
        .map(
          (violation) =>
            `${violation.id}: ${violation.help}\n${violation.nodes
              .map((node) => `  ${node.target.join(' ')} — ${node.failureSummary ?? ''}`)
              .join('\n')}`,
        )
        .join('\n');
      throw new Error(`axe found violations in the ${otherTheme} theme:\n${details}`);
    }
  } finally {
    root.dataset.theme = storyTheme;
  }
};

function isStoryTest(): boolean {
  // Set by @storybook/addon-vitest; absent in `storybook dev` and `storybook build`.
  return import.meta.env.VITEST_STORYBOOK !== undefined;
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
