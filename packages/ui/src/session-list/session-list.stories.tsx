import type { HeartbeatSource } from '@session-heartbeat/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ConnectionBanner } from '../connection-banner/connection-banner';
import { manySessions, getLabel, twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { SessionRow } from '../session-row/session-row';
import { SessionList } from './session-list';

const meta = {
  title: 'Components/SessionList',
  component: SessionList,
  subcomponents: { SessionRow },
  args: { getLabel, height: 12 * 44, locale: 'en' },
  loaders: [loadWorld({ script: twelveSessions })],
  decorators: [withWorld],
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

function rowsOf(canvasElement: HTMLElement): HTMLElement[] {
  return within(canvasElement).queryAllByRole('listitem');
}

/** Twelve sessions, most urgent first: unresponsive, stalled, waiting, active, idle. */
export const TwelveSessions: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('list', { name: 'Sessions' })).toBeVisible();
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    const healths = rowsOf(canvasElement).map((row) => row.dataset.health);
    await expect(healths).toEqual([
      'unresponsive',
      'stalled',
      'stalled',
      'stalled',
      'waiting',
      'waiting',
      'active',
      'active',
      'active',
      'idle',
      'idle',
      'idle',
    ]);
    await expect(canvas.getByRole('button', { name: '3 stalled' })).toBeVisible();
    await expect(rowsOf(canvasElement)[0]).toHaveAttribute('data-session-key', 'agent:ops:main');
  },
};

export const TwelveSessionsDark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
  },
};

/** 10,000 sessions: only the rows in view are mounted; End reaches the last one. */
export const TenThousandSessions: Story = {
  args: { height: 480, getLabel: undefined },
  loaders: [loadWorld({ script: manySessions(10_000) })],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement).length).toBeGreaterThan(0));
    await expect(rowsOf(canvasElement).length).toBeLessThan(40);
    // The counts show once the snapshot's last slice is in (until then: "Loading sessions").
    await expect(await canvas.findByRole('button', { name: /stalled/ })).toHaveTextContent('477');
    await userEvent.click(rowsOf(canvasElement)[0] as HTMLElement);
    await userEvent.keyboard('{End}');
    await waitFor(() =>
      expect(document.activeElement).toHaveAttribute('data-session-key', 'agent:load-9999:main'),
    );
    await expect(rowsOf(canvasElement).length).toBeLessThan(40);
  },
};

/** Each row carries the `seq` of the heartbeat it shows, and follows the newest one. */
export const RowsCarryTheirSeq: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { client, emitter } = worldOf({ loaded });
    const key = 'agent:coder:main';
    const seqInStore = () => client.store.getState().sessions.get(key)?.heartbeat.seq;
    const row = () => canvasElement.querySelector(`[data-session-key="${key}"]`);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    await expect(row()).toHaveAttribute('data-seq', String(seqInStore()));
    const before = seqInStore() ?? 0;
    emitter.get(key)?.setModel('anthropic/claude-opus-4-1');
    await waitFor(() => expect(row()).toHaveAttribute('data-seq', String(before + 1)));
    await expect(seqInStore()).toBe(before + 1);
  },
};

/** Until the first snapshot: skeleton rows, `aria-busy`. */
export const Loading: Story = {
  loaders: [
    async () => {
      const { createStoryWorld } = await import('../story-fixtures/create-story-world');
      const world = createStoryWorld({ script: twelveSessions });
      // A client whose source never connects: no snapshot ever arrives.
      const { createHeartbeatClient } = await import('@session-heartbeat/react');
      return {
        world: {
          ...world,
          client: createHeartbeatClient({ source: { connect: () => () => undefined } }),
        },
      };
    },
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('list', { name: 'Sessions' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
    await expect(canvas.getByText('Loading sessions…')).toBeVisible();
  },
};

/** A wrong token before the first snapshot: the list says so instead of loading forever. */
export const LoadingUnauthorized: Story = {
  loaders: [
    async () => {
      const { createStoryWorld } = await import('../story-fixtures/create-story-world');
      const world = createStoryWorld({ script: twelveSessions });
      const { createHeartbeatClient } = await import('@session-heartbeat/react');
      const refusing: HeartbeatSource = {
        connect(sink, { serverNow }) {
          sink.status({ kind: 'unauthorized', since: serverNow(), reason: 'wrong token' });
          return () => undefined;
        },
      };
      return { world: { ...world, client: createHeartbeatClient({ source: refusing }) } };
    },
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/Not authorized — check the token/)).toBeVisible();
    await expect(canvas.queryByText('Loading sessions…')).toBeNull();
  },
};

export const Empty: Story = {
  loaders: [loadWorld({})],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No sessions yet')).toBeVisible();
  },
};

/** The connection dropped: every dot turns grey-hollow and the banner says it is us, not them. */
export const Disconnected: Story = {
  render: (args, context) => {
    const world = worldOf(context);
    return (
      <div style={{ display: 'grid', gap: 12 }}>
        <ConnectionBanner />
        <SessionList {...args} />
        <button type="button" className="shb-button" onClick={() => world.client.stop()}>
          Disconnect
        </button>
      </div>
    );
  },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    worldOf({ loaded }).client.stop();
    await waitFor(() =>
      expect(rowsOf(canvasElement).every((row) => row.dataset.health === 'unknown')).toBe(true),
    );
    await expect(canvas.getByRole('status')).toHaveTextContent(
      "Grey dots mean we can't see these sessions right now",
    );
  },
};
