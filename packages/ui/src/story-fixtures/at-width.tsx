import type { Decorator } from '@storybook/react-vite';

/**
 * A story's decorator that shows it in a box `width` px wide (or at most
 * that wide): how a container of that size, not a window, lays it out.
 */
export function atWidth(width: number, { atMost = false }: { atMost?: boolean } = {}): Decorator {
  function AtWidth(Story: Parameters<Decorator>[0]) {
    return (
      <div style={atMost ? { maxWidth: width } : { width }}>
        <Story />
      </div>
    );
  }
  return AtWidth;
}
