import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { manySessions } from '../story-fixtures/twelve-sessions';
import { withWorld, worldOf } from '../story-fixtures/with-world';
import { SessionList } from './session-list';

const SESSIONS = 3000;

/**
 * A big first snapshot is applied over several frames, most severe first
 * (`HeartbeatState.snapshotProgress`). This story's page lets the client run
 * only its first frame, so it stays where a real page is for a few frames:
 * the first slice painted, the rest still queued.
 */
const meta = {
  title: 'Components/SessionList/Big snapshot',
  component: SessionList,
  args: { height: 10 * 44, locale: 'en' },
  loaders: [
    async () => {
      const { createStoryWorld } = await import('../story-fixtures/create-story-world');
      const { createBrowserEnvironment, createEmitterSource, createHeartbeatClient } =
        await import('@session-heartbeat/react');
      const world = createStoryWorld({ script: manySessions(SESSIONS) });
      let framesLeft = 1;
      const client = createHeartbeatClient({
        source: createEmitterSource(world.emitter),
        snapshotSlices: { sliceAbove: 1000, firstSlice: 300 },
        environment: {
          ...createBrowserEnvironment(),
          now: world.clock.now,
          setTimeout: world.clock.setTimeout,
          clearTimeout: world.clock.clearTimeout,
          requestAnimationFrame(callback) {
            if (framesLeft <= 0) return undefined; // the page's later frames never come
            framesLeft -= 1;
            return requestAnimationFrame(() => callback());
          },
          cancelAnimationFrame(handle) {
            if (typeof handle === 'number') cancelAnimationFrame(handle);
          },
        },
      });
      return { world: { ...world, client } };
    },
  ],
  decorators: [withWorld],
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The first slice is in: the most urgent sessions lead, the counts say how far loading got. */
export const FirstSlicePainted: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent('Loading sessions: 300 of 3,000'),
    );
    const list = canvas.getByRole('list', { name: 'Sessions' });
    await expect(list).toHaveAttribute('aria-busy', 'true');
    const rows = within(list).getAllByRole('listitem');
    await expect(rows[0]).toHaveTextContent('Waiting for the model');
    // manySessions leaves every 21st session waiting for the model past its limit (stalled: 143 of 3,000), every other 7th
    // active (286) and the rest idle: the first 300 are all the stalled, then active ones.
    const state = worldOf({ loaded }).client.store.getState();
    await expect(state.sessions.size).toBe(300);
    await expect(state.counts).toMatchObject({ stalled: 143, active: 157, idle: 0 });
    await expect(state.hasSnapshot).toBe(false);
  },
};
