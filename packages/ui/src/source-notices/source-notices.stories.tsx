import type { SourceStatus } from '@session-heartbeat/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { NOW } from '../story-fixtures/fixtures';
import { SourceNotices } from './source-notices';
import { atWidth } from '../story-fixtures/at-width';

const utcTime = (at: number): string =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(
    at,
  );

function source(id: string, fields: Partial<SourceStatus> = {}): SourceStatus {
  return { id, status: 'live', lastSeenAt: NOW, sessions: 1000, ...fields };
}

const meta = {
  title: 'Components/SourceNotices',
  component: SourceNotices,
  args: { sources: [source('gw-1'), source('gw-2')], formatTime: utcTime },
  decorators: [atWidth(720, { atMost: true })],
} satisfies Meta<typeof SourceNotices>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Every gateway live: the region is there (for announcements) but says nothing. */
export const AllLive: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toBeEmptyDOMElement();
  },
};

/** One gateway down: one notice for its thousand sessions, in words (not colour alone). */
export const OneUnreachable: Story = {
  args: {
    sources: [
      source('gw-1'),
      source('gw-2', {
        status: 'unreachable',
        reason: 'silent',
        lastSeenAt: Date.UTC(2026, 0, 1, 12, 3),
      }),
      source('gw-3', { sessions: 12 }),
    ],
  },
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await expect(status).toHaveTextContent('gw-2 unreachable since 12:03 — 1,000 sessions unknown');
    await expect(status.querySelectorAll('[data-source]')).toHaveLength(1);
  },
};

/** The aggregator lost Redis: one notice for the whole fleet, not one per gateway. */
export const RedisLost: Story = {
  args: {
    sources: ['gw-1', 'gw-2', 'gw-3'].map((id) =>
      source(id, {
        status: 'unreachable',
        reason: 'broker_unreachable',
        lastSeenAt: Date.UTC(2026, 0, 1, 9, 41),
      }),
    ),
  },
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await expect(status.querySelectorAll('[data-source]')).toHaveLength(1);
    await expect(status).toHaveTextContent(
      'Fleet not visible since 09:41: the aggregator cannot reach Redis — 3 gateways, 3,000 sessions unknown',
    );
  },
};
