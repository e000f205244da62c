import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { historyEndingIn, MINUTE, NOW, SECOND } from '../story-fixtures/fixtures';
import { twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { SessionTimeline } from './session-timeline';
import type { HealthStretch } from '@session-heartbeat/react';
import { atWidth } from '../story-fixtures/at-width';

/** The strip with plain props (the union of its props confuses Storybook's arg types). */
function Strip(props: { entries: readonly HealthStretch[]; now: number; windowMs?: number }) {
  return <SessionTimeline {...props} />;
}

const meta = {
  title: 'Components/SessionTimeline',
  component: Strip,
  subcomponents: { SessionTimeline },
  args: { now: NOW, entries: historyEndingIn('streaming', 40 * SECOND) },
  decorators: [atWidth(320)],
} satisfies Meta<typeof Strip>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One image, with the strip in words as its name. */
export const RecentTurns: Story = {
  play: async ({ canvasElement }) => {
    const strip = within(canvasElement).getByRole('img');
    await expect(strip).toHaveAccessibleName(
      'Last 10 minutes: 2 earlier states, then streaming 1m 40s, running a tool 40s, waiting for the model 20s, streaming 1m, turn complete 1m 20s, streaming 40s',
    );
  },
};

/** A stretch known to be stalled shows as one, in dense red hatching. */
export const WithStall: Story = {
  args: {
    entries: [
      { state: 'idle', since: NOW - 12 * MINUTE, health: 'idle' },
      { state: 'awaiting_model', since: NOW - 3 * MINUTE, health: 'waiting' },
      { state: 'streaming', since: NOW - 2 * MINUTE, health: 'active' },
      { state: 'tool_exec', since: NOW - 90 * SECOND, toolName: 'exec', health: 'stalled' },
    ],
  },
  play: async ({ canvasElement }) => {
    const strip = within(canvasElement).getByRole('img');
    await expect(strip).toHaveAccessibleName(
      'Last 10 minutes: idle 7m, waiting for the model 1m, streaming 30s, running a tool (stalled) 1m 30s',
    );
  },
};

export const Empty: Story = {
  args: { entries: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img')).toHaveAccessibleName(
      'Last 10 minutes: no activity recorded',
    );
  },
};

/** The same strip in the dark theme: still one image, named in words. */
export const Dark: Story = {
  ...RecentTurns,
  globals: { theme: 'dark' },
};

/** With `sessionKey`, the strip follows the client's history of that session. */
export const ForASessionKey: Story = {
  loaders: [loadWorld({ script: twelveSessions })],
  decorators: [withWorld],
  render: () => <SessionTimeline sessionKey="agent:ops:telegram:direct:4711" />,
  play: async ({ canvasElement, loaded }) => {
    const strip = within(canvasElement).getByRole('img');
    await waitFor(() =>
      expect(strip).toHaveAccessibleName('Last 10 minutes: waiting for the model 8s'),
    );
    worldOf({ loaded }).clock.advance(25 * SECOND);
    await waitFor(() =>
      expect(strip).toHaveAccessibleName(
        'Last 10 minutes: waiting for the model 30s, waiting for the model (stalled) 2s',
      ),
    );
  },
};
