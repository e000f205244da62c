import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { MINUTE, NOW, SECOND } from '../story-fixtures/fixtures';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { Elapsed } from './elapsed';
import { LastActivity } from './last-activity';

const meta = {
  title: 'Components/LastActivity',
  component: LastActivity,
  subcomponents: { Elapsed },
  args: { at: NOW - 12 * SECOND, now: NOW, locale: 'en' },
} satisfies Meta<typeof LastActivity>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Relative time in the user's locale; the absolute time on hover. */
export const SecondsAgo: Story = {
  play: async ({ canvasElement }) => {
    const time = canvasElement.querySelector('time');
    await expect(time).toHaveTextContent('12s ago');
    await expect(time).toHaveAttribute('dateTime', '2026-01-01T11:59:48.000Z');
    await expect(time).toHaveAttribute('title', 'Jan 1, 2026, 11:59:48 AM');
  },
};

export const German: Story = {
  args: { at: NOW - 3 * MINUTE, locale: 'de', format: 'long' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('vor 3 Minuten')).toBeVisible();
  },
};

/** Activity this very second reads as "now", not "0s ago". */
export const Now: Story = {
  args: { at: NOW },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('time')).toHaveTextContent(/^now$/);
  },
};

/** Without `now`, it follows the shared clock (here a manual one): only it re-renders. */
export const FollowsSharedClock: Story = {
  args: { now: undefined },
  loaders: [loadWorld({})],
  decorators: [withWorld],
  play: async ({ canvasElement, loaded }) => {
    const time = canvasElement.querySelector('time');
    await expect(time).toHaveTextContent('12s ago');
    worldOf({ loaded }).clock.advance(5 * SECOND);
    await waitFor(() => expect(time).toHaveTextContent('17s ago'));
  },
};
