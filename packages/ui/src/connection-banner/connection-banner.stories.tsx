import type { ConnectionStatus } from '@session-heartbeat/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { NOW } from '../story-fixtures/fixtures';
import { twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { ConnectionBanner } from './connection-banner';
import { atWidth } from '../story-fixtures/at-width';

/** The banner with plain props (the union of its props confuses Storybook's arg types). */
function Banner(props: { status: ConnectionStatus; serverNow: number; onRetry?: () => void }) {
  return <ConnectionBanner {...props} />;
}

const meta = {
  title: 'Components/ConnectionBanner',
  component: Banner,
  subcomponents: { ConnectionBanner },
  args: { serverNow: NOW, status: { kind: 'live', since: NOW } },
  decorators: [atWidth(720, { atMost: true })],
} satisfies Meta<typeof Banner>;

export default meta;
type Story = StoryObj<typeof meta>;

function expectStatus(text: string | null): Story['play'] {
  return async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    if (text === null) {
      await expect(status).toBeEmptyDOMElement();
    } else {
      await expect(status).toHaveTextContent(text);
    }
  };
}

const reconnecting: ConnectionStatus = {
  kind: 'reconnecting',
  since: NOW - 4000,
  attempt: 2,
  nextRetryAt: NOW + 2400,
  reason: 'socket closed (1006)',
};

/** Live: the region is there (for announcements) but says nothing. */
export const Live: Story = { play: expectStatus(null) };

export const Connecting: Story = {
  args: { status: { kind: 'connecting', since: NOW, attempt: 1, transport: 'websocket' } },
  play: expectStatus('Connecting…'),
};

export const Reconnecting: Story = {
  args: { status: reconnecting },
  play: async (context) => {
    await expectStatus('Reconnecting… (retry in 3s)')?.(context);
    await expectStatus("Grey dots mean we can't see these sessions right now")?.(context);
  },
};

export const Polling: Story = {
  args: { status: { kind: 'polling', since: NOW, intervalMs: 5000 } },
  play: expectStatus('Live updates unavailable — polling every 5s'),
};

export const Offline: Story = {
  args: { status: { kind: 'offline', since: NOW } },
  play: expectStatus('Disconnected'),
};

export const Unauthorized: Story = {
  args: { status: { kind: 'unauthorized', since: NOW, reason: 'HTTP 401' } },
  play: expectStatus('Not authorized — check the token'),
};

export const Stopped: Story = {
  args: { status: { kind: 'stopped', since: NOW } },
  play: expectStatus('Disconnected'),
};

/** Every status at once, in the dark theme. */
export const AllDark: Story = {
  globals: { theme: 'dark' },
  render: () => (
    <div style={{ display: 'grid', gap: 12 }}>
      {(
        [
          { kind: 'connecting', since: NOW, attempt: 1, transport: 'websocket' },
          reconnecting,
          { kind: 'polling', since: NOW, intervalMs: 5000 },
          { kind: 'offline', since: NOW },
          { kind: 'unauthorized', since: NOW, reason: 'HTTP 401' },
        ] satisfies ConnectionStatus[]
      ).map((status) => (
        <ConnectionBanner key={status.kind} status={status} serverNow={NOW} />
      ))}
    </div>
  ),
};

/** "Retry now" next to the countdown, when the page can retry. */
export const ReconnectingWithRetry: Story = {
  args: { status: reconnecting, onRetry: fn() },
  play: async ({ args, canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Retry now' }));
    await expect(args.onRetry).toHaveBeenCalledOnce();
  },
};

/** With no `status`, the banner follows the provider's client: live, then stopped. */
export const FollowsClient: Story = {
  loaders: [loadWorld({ script: twelveSessions })],
  decorators: [withWorld],
  render: () => <ConnectionBanner />,
  play: async ({ canvasElement, loaded }) => {
    const status = within(canvasElement).getByRole('status');
    await waitFor(() => expect(status).toHaveAttribute('data-state', 'live'));
    await expect(status).toBeEmptyDOMElement();
    worldOf({ loaded }).client.stop();
    await waitFor(() => expect(status).toHaveTextContent('Disconnected'));
  },
};
