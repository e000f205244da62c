import type { Meta, StoryObj } from '@storybook/react-vite';
import { useSyncExternalStore } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { createRenderTally, type RenderTally } from '../story-fixtures/create-render-tally';
import { SECOND } from '../story-fixtures/fixtures';
import { getLabel, manySessions, twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { RenderProbeProvider } from './render-probe';
import { SessionList } from './session-list';

/**
 * How much one heartbeat costs: every `SessionRow` render and every render of
 * the list body is counted (`useRenderProbe`: once per committed render).
 * The play functions push heartbeats through the emitter and check the counts.
 */
const meta = {
  title: 'Components/SessionList/Render counts',
  component: SessionList,
  // One docs page for the list: Components/SessionList.
  tags: ['!autodocs'],
  args: { getLabel, height: 12 * 44, locale: 'en' },
  loaders: [loadWorld({ script: twelveSessions }), async () => ({ tally: createRenderTally() })],
  decorators: [withWorld],
  render: (args, { loaded }) => {
    const tally = loaded.tally as RenderTally;
    return (
      <div style={{ display: 'grid', gap: 12 }}>
        <TallyReadout tally={tally} />
        <RenderProbeProvider probe={tally.record}>
          <SessionList {...args} />
        </RenderProbeProvider>
      </div>
    );
  },
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

function TallyReadout({ tally }: { tally: RenderTally }) {
  useSyncExternalStore(tally.subscribe, tally.version);
  const rows = tally.rowRenders();
  return (
    <output className="shb-story-readout" aria-label="Render counts">
      Since the last reset: list body rendered <strong>{tally.listRenders()}</strong>×; rows
      rendered: <strong>{Object.keys(rows).length}</strong> (
      {Object.entries(rows)
        .map(([key, count]) => `${key} ×${count}`)
        .join(', ') || 'none'}
      )
    </output>
  );
}

function tallyOf(loaded: Record<string, unknown>): RenderTally {
  return loaded.tally as RenderTally;
}

/** Lets a frame or two pass, so the client has flushed and React has committed. */
function frames(count = 3): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) =>
      left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1));
    step(count);
  });
}

/**
 * One heartbeat for one session, that moves nothing (a model change of a tool
 * run: no new activity): 1 row, 0 list renders.
 */
export const OneHeartbeatOneRow: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { emitter } = worldOf({ loaded });
    const tally = tallyOf(loaded);
    await waitFor(() => expect(within(canvasElement).getAllByRole('listitem')).toHaveLength(12));
    await frames();
    tally.reset();
    emitter.get('agent:coder:main')?.setModel('anthropic/claude-opus-4-1');
    await waitFor(() =>
      expect(
        canvasElement.querySelector('[data-session-key="agent:coder:main"] .shb-row__model'),
      ).toHaveTextContent('anthropic/claude-opus-4-1'),
    );
    await frames();
    await expect(tally.rowRenders()).toEqual({ 'agent:coder:main': 1 });
    await expect(tally.listRenders()).toBe(0);
  },
};

/**
 * A periodic beat of every live session (one frame; no new activity, so
 * nothing moves): each of the 11 live rows renders once, the list not at all.
 */
export const PeriodicBeatOfAll: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { clock } = worldOf({ loaded });
    const tally = tallyOf(loaded);
    await waitFor(() => expect(within(canvasElement).getAllByRole('listitem')).toHaveLength(12));
    // The first beats carry tokens that arrived since the last ones (activity, so rows move).
    clock.advance(5 * SECOND);
    await frames();
    tally.reset();
    clock.advance(5 * SECOND); // every live session beats once; the crashed one stays silent
    await frames();
    const rows = tally.rowRenders();
    await expect(Object.values(rows).every((count) => count === 1)).toBe(true);
    await expect(Object.keys(rows)).toHaveLength(11);
    await expect(tally.listRenders()).toBe(0);
  },
};

/** A heartbeat that moves a row: the list renders once, and only rows whose place changed. */
export const HeartbeatThatReorders: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { emitter } = worldOf({ loaded });
    const tally = tallyOf(loaded);
    await waitFor(() => expect(within(canvasElement).getAllByRole('listitem')).toHaveLength(12));
    await frames();
    tally.reset();
    // The writer (row 11 of 12) starts a turn and moves up to row 5.
    emitter.get('agent:writer:main')?.transition('awaiting_model', { turnId: 'w-8' });
    await waitFor(() =>
      expect(
        within(canvasElement)
          .getAllByRole('listitem')
          .map((row) => row.dataset.sessionKey)
          .indexOf('agent:writer:main'),
      ).toBe(4),
    );
    await frames();
    await expect(tally.listRenders()).toBe(1);
    // The writer itself, plus the six rows it passed, each shifted down one place.
    await expect(Object.keys(tally.rowRenders())).toHaveLength(7);
  },
};

/** In 10,000 sessions, one heartbeat still renders one row and not the list. */
export const OneHeartbeatInTenThousand: Story = {
  args: { height: 480, getLabel: undefined },
  loaders: [
    loadWorld({ script: manySessions(10_000) }),
    async () => ({ tally: createRenderTally() }),
  ],
  play: async ({ canvasElement, loaded }) => {
    const { emitter } = worldOf({ loaded });
    const tally = tallyOf(loaded);
    await waitFor(() =>
      expect(within(canvasElement).getAllByRole('listitem').length).toBeGreaterThan(0),
    );
    await frames();
    const first = within(canvasElement).getAllByRole('listitem')[0]?.dataset.sessionKey ?? '';
    tally.reset();
    emitter.get(first)?.setModel('openai/gpt-5-mini');
    await waitFor(() =>
      expect(
        canvasElement.querySelector(`[data-session-key="${first}"] .shb-row__model`),
      ).toHaveTextContent('openai/gpt-5-mini'),
    );
    await frames();
    await expect(tally.rowRenders()).toEqual({ [first]: 1 });
    await expect(tally.listRenders()).toBe(0);
  },
};
