import type { HeartbeatEmitter } from '@session-heartbeat/emitter';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, spyOn, userEvent, waitFor, within } from 'storybook/test';
import { loadWorld, withWorld } from '../story-fixtures/with-world';
import { SessionList } from './session-list';
import { atWidth } from '../story-fixtures/at-width';

/** Bench-like keys that differ only at their end, half of them with a label from the host. */
function lookalikeSessions(emitter: HeartbeatEmitter): void {
  for (let index = 40; index < 52; index += 1) {
    const key = `agent:load:bench:direct:000${index}`;
    emitter.createSession(key, {
      model: 'openai/gpt-5',
      ...(index % 2 === 0 ? { label: `Bench worker ${index}` } : {}),
    });
  }
}

const meta = {
  title: 'Components/SessionList/Identity',
  component: SessionList,
  args: { height: 12 * 44, locale: 'en' },
  loaders: [loadWorld({ script: lookalikeSessions })],
  decorators: [withWorld, atWidth(1280)],
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowFor = (canvasElement: HTMLElement, key: string) =>
  canvasElement.querySelector<HTMLElement>(`[role="listitem"][data-session-key="${key}"]`);

/**
 * Keys that differ only at the end: each row shows its label first, then its
 * key cut in the middle so the unique tail shows; the full key is the title.
 * The session column is the widest.
 */
export const LabelFirstKeyTailKept: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(rowFor(canvasElement, 'agent:load:bench:direct:00042')).not.toBeNull(),
    );
    const row = rowFor(canvasElement, 'agent:load:bench:direct:00042') as HTMLElement;
    const name = row.querySelector('.shb-row__name') as HTMLElement;
    await expect(name.firstElementChild).toHaveTextContent('Bench worker 42');
    await expect(name).toHaveAttribute('title', 'Bench worker 42 · agent:load:bench:direct:00042');
    const tail = row.querySelector('.shb-row__key-tail') as HTMLElement;
    await expect(tail).toHaveTextContent('direct:00042');
    // The tail is inside the cell, not cut off.
    const cell = name.getBoundingClientRect();
    await expect(tail.getBoundingClientRect().right).toBeLessThanOrEqual(cell.right + 0.5);
    await expect(row.querySelector('.shb-row__key-head')).toHaveTextContent('agent:load:bench:');

    const state = row.querySelector('.shb-row__state') as HTMLElement;
    const model = row.querySelector('.shb-row__model') as HTMLElement;
    await expect(cell.width).toBeGreaterThan(state.getBoundingClientRect().width);
    await expect(cell.width).toBeGreaterThan(model.getBoundingClientRect().width);
  },
};

/** Squeezed, the head gives way (an ellipsis) and the tail still shows whole. */
export const KeyCutInTheMiddle: Story = {
  decorators: [atWidth(700)],
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(rowFor(canvasElement, 'agent:load:bench:direct:00043')).not.toBeNull(),
    );
    const row = rowFor(canvasElement, 'agent:load:bench:direct:00043') as HTMLElement;
    const head = row.querySelector('.shb-row__key-head') as HTMLElement;
    const tail = row.querySelector('.shb-row__key-tail') as HTMLElement;
    await expect(head.scrollWidth).toBeGreaterThan(head.clientWidth); // cut, with its ellipsis
    await expect(tail.scrollWidth).toBeLessThanOrEqual(tail.clientWidth);
    const cell = (row.querySelector('.shb-row__name') as HTMLElement).getBoundingClientRect();
    await expect(tail.getBoundingClientRect().right).toBeLessThanOrEqual(cell.right + 0.5);
  },
};

/** The copy button copies the full key and says "Copied" politely. */
export const CopyKey: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const writeText = spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    await waitFor(() =>
      expect(rowFor(canvasElement, 'agent:load:bench:direct:00045')).not.toBeNull(),
    );
    const button = canvas.getByRole('button', { name: 'Copy key agent:load:bench:direct:00045' });
    await userEvent.click(button);
    await expect(writeText).toHaveBeenCalledWith('agent:load:bench:direct:00045');
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-copy-status]')).toHaveTextContent(
        'Copied agent:load:bench:direct:00045',
      ),
    );
    await expect(button).toHaveAttribute('data-copied');
    writeText.mockRestore();
  },
};

/** A browser that refuses the clipboard: said in words, nothing else changes. */
export const CopyRefused: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const writeText = spyOn(navigator.clipboard, 'writeText').mockRejectedValue(
      new Error('denied'),
    );
    await waitFor(() =>
      expect(rowFor(canvasElement, 'agent:load:bench:direct:00045')).not.toBeNull(),
    );
    await userEvent.click(
      canvas.getByRole('button', { name: 'Copy key agent:load:bench:direct:00045' }),
    );
    await waitFor(() =>
      expect(canvasElement).toHaveTextContent('Could not copy: the browser refused the clipboard'),
    );
    writeText.mockRestore();
  },
};
