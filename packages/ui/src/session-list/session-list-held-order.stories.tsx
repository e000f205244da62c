import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { SECOND } from '../story-fixtures/fixtures';
import { getLabel, twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { SessionList } from './session-list';

const meta = {
  title: 'Components/SessionList/Held order',
  component: SessionList,
  args: { getLabel, height: 12 * 44, locale: 'en' },
  loaders: [loadWorld({ script: twelveSessions })],
  decorators: [withWorld],
  // The hold's timers are the world's manual clock: the story moves time, nothing sleeps.
  render: (args, context) => <SessionList {...args} holdTimers={worldOf(context).clock} />,
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

const keysOf = (canvasElement: HTMLElement) =>
  within(canvasElement)
    .queryAllByRole('listitem')
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
    .map((row) => row.dataset.sessionKey);
const rowFor = (canvasElement: HTMLElement, key: string) =>
  canvasElement.querySelector(`[role="listitem"][data-session-key="${key}"]`) as HTMLElement;

/**
 * The pointer rests on the list while sessions stall: the order holds, and a
 * notice above the rows (taking its own space) says what matters. Clicking it
 * applies the order and focuses the first newly stalled row.
 */
export const NewlyStalledNotice: Story = {
  args: { holdReleaseMs: 10 * 60 * SECOND },
  play: async ({ canvasElement, loaded }) => {
    const { emitter, clock } = worldOf({ loaded });
    const canvas = within(canvasElement);
    await waitFor(() => expect(keysOf(canvasElement)).toHaveLength(12));
    const troubledBefore = new Set(
      keysOf(canvasElement).filter((key) =>
        ['stalled', 'unresponsive'].includes(rowFor(canvasElement, key ?? '').dataset.health ?? ''),
      ),
    );
    await userEvent.hover(rowFor(canvasElement, 'agent:main:main'));
    const before = keysOf(canvasElement);
    emitter.get('agent:writer:main')?.transition('awaiting_model', { turnId: 'w-8' });
    for (let step = 0; step < 7; step += 1) clock.advance(5 * SECOND); // no first token for 35 s
    await waitFor(() =>
      expect(rowFor(canvasElement, 'agent:writer:main')).toHaveAttribute('data-health', 'stalled'),
    );
    await expect(keysOf(canvasElement)).toEqual(before);
    const notice = await canvas.findByRole('button', {
      name: /^↑ \d+ (newly stalled|new problems) — show$/,
    });
    // The notice sits above the rows, never over one.
    const viewport = canvasElement.querySelector('.shb-list__viewport') as HTMLElement;
    await expect(notice.getBoundingClientRect().bottom).toBeLessThanOrEqual(
      viewport.getBoundingClientRect().top + 0.5,
    );

    await userEvent.click(notice);
    await waitFor(() => expect(document.activeElement).toHaveAttribute('role', 'listitem'));
    const focused = document.activeElement as HTMLElement;
    await expect(focused).toHaveAttribute('data-health', 'stalled');
    await expect(troubledBefore.has(focused.dataset.sessionKey)).toBe(false);
    await expect(canvas.queryByRole('button', { name: /— show$/ })).toBeNull();
  },
};

/** A resting pointer: the hold lets go by itself after 3 s without movement. */
export const HoldLetsGoWhenIdle: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { emitter, clock } = worldOf({ loaded });
    await waitFor(() => expect(keysOf(canvasElement)).toHaveLength(12));
    await userEvent.hover(rowFor(canvasElement, 'agent:main:main'));
    const before = keysOf(canvasElement);
    emitter.get('agent:writer:main')?.transition('awaiting_model', { turnId: 'w-8' });
    await waitFor(() =>
      expect(rowFor(canvasElement, 'agent:writer:main')).toHaveAttribute('data-health', 'waiting'),
    );
    clock.advance(2999);
    await expect(keysOf(canvasElement)).toEqual(before);
    clock.advance(1);
    await waitFor(() => expect(keysOf(canvasElement).indexOf('agent:writer:main')).toBe(4));
  },
};

/**
 * At fleet scale the order must stay readable: rows change places at most
 * once a second (`reorderMs`). The first move after a quiet second shows at
 * once; a move within the second shows at its end, while the row it moves
 * already says its news in place.
 */
export const ReordersAtMostOnceASecond: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { emitter, clock } = worldOf({ loaded });
    await waitFor(() => expect(keysOf(canvasElement)).toHaveLength(12));
    clock.advance(1000); // a second with no move
    emitter.get('agent:writer:main')?.transition('awaiting_model', { turnId: 'w-8' });
    await waitFor(() => expect(keysOf(canvasElement).indexOf('agent:writer:main')).toBe(4));
    const afterFirst = keysOf(canvasElement);
    const digest = 'agent:main:cron:digest';
    emitter.get(digest)?.transition('awaiting_model', { turnId: 'digest-2' });
    await waitFor(() =>
      expect(rowFor(canvasElement, digest)).toHaveAttribute('data-health', 'waiting'),
    );
    await expect(keysOf(canvasElement)).toEqual(afterFirst);
    clock.advance(999);
    await expect(keysOf(canvasElement)).toEqual(afterFirst);
    clock.advance(1);
    // The newest activity first: the digest now sits above the writer.
    await waitFor(() => expect(keysOf(canvasElement).indexOf(digest)).toBe(4));
    await expect(keysOf(canvasElement).indexOf('agent:writer:main')).toBe(5);
  },
};
