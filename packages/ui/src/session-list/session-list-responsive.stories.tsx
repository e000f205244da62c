import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { getLabel, twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld } from '../story-fixtures/with-world';
import { SessionList } from './session-list';
import { atWidth } from '../story-fixtures/at-width';

const meta = {
  title: 'Components/SessionList/Responsive',
  component: SessionList,
  args: { getLabel, height: 480, locale: 'en' },
  loaders: [loadWorld({ script: twelveSessions })],
  decorators: [withWorld],
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowsOf = (canvasElement: HTMLElement) => within(canvasElement).queryAllByRole('listitem');

async function expectNoSidewaysScroll(canvasElement: HTMLElement): Promise<void> {
  const list = canvasElement.querySelector('.shb-list') as HTMLElement;
  const viewport = canvasElement.querySelector('.shb-list__viewport') as HTMLElement;
  const toolbar = canvasElement.querySelector('.shb-list-toolbar') as HTMLElement;
  for (const element of [list, viewport, toolbar]) {
    await expect(element.scrollWidth).toBeLessThanOrEqual(element.clientWidth);
  }
  for (const row of rowsOf(canvasElement)) {
    await expect(row.scrollWidth).toBeLessThanOrEqual(row.clientWidth);
  }
}

/**
 * A phone-sized container (320 px): each row is two lines, dot and name (with
 * its restart, when it has one) over state and time, and nothing scrolls sideways.
 * The server offers the whole ladder; a stalled row keeps its strongest rung,
 * Restart, on screen beside the name, and the key's unique tail stays whole.
 */
export const At320: Story = {
  loaders: [loadWorld({ script: twelveSessions, controlActions: true })],
  decorators: [atWidth(320)],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    const list = canvasElement.querySelector('.shb-list') as HTMLElement;
    await expect(list).toHaveAttribute('data-narrow');
    const row = canvasElement.querySelector(
      '[data-session-key="agent:research:main"]',
    ) as HTMLElement;
    await expect(row.getBoundingClientRect().height).toBe(56);
    const name = (row.querySelector('.shb-row__name') as HTMLElement).getBoundingClientRect();
    const state = (row.querySelector('.shb-row__state') as HTMLElement).getBoundingClientRect();
    const elapsed = (row.querySelector('.shb-row__elapsed') as HTMLElement).getBoundingClientRect();
    await expect(state.top).toBeGreaterThanOrEqual(name.bottom - 1); // the second line
    await expect(Math.abs(elapsed.top - state.top)).toBeLessThan(4);
    await expect(row.querySelector('.shb-row__state')).toBeVisible();
    await expectNoSidewaysScroll(canvasElement);

    // Restart on screen, inside the row; the milder rungs step aside for it.
    const restart = await within(row).findByRole('button', { name: 'Restart' });
    const rowBox = row.getBoundingClientRect();
    const restartBox = restart.getBoundingClientRect();
    await expect(restartBox.right).toBeLessThanOrEqual(rowBox.right);
    await expect(restartBox.top).toBeGreaterThanOrEqual(rowBox.top);
    await expect(within(row).queryByRole('button', { name: 'Nudge' })).toBeNull();
    // A labelled row: the label gives way before the key's unique tail does.
    const nameBox = (row.querySelector('.shb-row__name') as HTMLElement).getBoundingClientRect();
    const tail = row.querySelector('.shb-row__key-tail') as HTMLElement;
    await expect(tail).toHaveTextContent('research:main');
    await expect(tail.getBoundingClientRect().right).toBeLessThanOrEqual(nameBox.right);

    // A bulk action's confirm fits too: its question and names wrap, Confirm stays inside.
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search sessions' }), 'research');
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(1));
    await userEvent.click(canvas.getByRole('button', { name: 'Act on 1 session shown' }));
    await userEvent.click(
      canvas.getByRole('button', { name: 'Restart 1 session matching “research”…' }),
    );
    const confirm = canvas.getByRole('button', { name: 'Confirm restart of 1 session' });
    await expect(confirm.getBoundingClientRect().right).toBeLessThanOrEqual(
      list.getBoundingClientRect().right,
    );
    await expectNoSidewaysScroll(canvasElement);
  },
};

export const At320Dark: Story = {
  ...At320,
  globals: { theme: 'dark' },
};

/** A mid-size container (700 px): model and last activity give way, one line per row. */
export const At700: Story = {
  decorators: [atWidth(700)],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    const row = rowsOf(canvasElement)[0] as HTMLElement;
    await expect(row.getBoundingClientRect().height).toBe(44);
    await expect(row.querySelector('.shb-row__model')).not.toBeVisible();
    await expect(
      within(canvasElement).getByRole('columnheader', { name: 'Session' }),
    ).toBeVisible();
    await expectNoSidewaysScroll(canvasElement);
  },
};
