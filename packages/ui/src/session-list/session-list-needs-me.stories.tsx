import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { getLabel, twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { SessionList } from './session-list';

const meta = {
  title: 'Components/SessionList/Needs me',
  component: SessionList,
  args: { getLabel, height: 12 * 44, locale: 'en' },
  loaders: [loadWorld({ script: twelveSessions })],
  decorators: [withWorld],
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowsOf = (canvasElement: HTMLElement) => within(canvasElement).queryAllByRole('listitem');

/**
 * Of the two waiting sessions, one waits on a person: its own words ("Needs
 * approval: browser"), its own dot, its own count, and a filter for it.
 */
export const ApprovalWaitStandsOut: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    const row = canvasElement.querySelector(
      '[data-session-key="agent:ops:discord:direct:991"]',
    ) as HTMLElement;
    await expect(row).toHaveAttribute('data-approval');
    await expect(within(row).getByRole('img', { name: 'Needs approval' })).toBeVisible();
    await expect(row.querySelector('.shb-row__state')).toHaveTextContent('Needs approval: browser');

    const counts = canvas.getByRole('group', { name: 'Filter by health' });
    await expect(within(counts).getByRole('button', { name: '1 waiting' })).toBeVisible();
    await userEvent.click(within(counts).getByRole('button', { name: '1 needs approval' }));
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(1));
    await expect(rowsOf(canvasElement)[0]).toHaveAttribute(
      'data-session-key',
      'agent:ops:discord:direct:991',
    );

    // Approved: the tool runs, and the filter empties.
    worldOf({ loaded }).emitter.get('agent:ops:discord:direct:991')?.transition('tool_exec');
    await waitFor(() => expect(canvas.getByText('No session needs approval')).toBeVisible());
    await expect(within(counts).getByRole('button', { name: '0 need approval' })).toBeVisible();
  },
};

/** The search finds approval waits by their words. */
export const SearchNeedsApproval: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search sessions' }), 'approval');
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(1));
    await expect(rowsOf(canvasElement)[0]).toHaveAttribute(
      'data-session-key',
      'agent:ops:discord:direct:991',
    );
  },
};

export const ApprovalWaitDark: Story = {
  globals: { theme: 'dark' },
  args: { defaultFilter: 'needs_approval' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(1));
  },
};
