import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, screen, userEvent, waitFor, within } from 'storybook/test';
import { SECOND } from '../story-fixtures/fixtures';
import { getLabel, twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { SessionList } from './session-list';

/** Interaction tests on the twelve fixed sessions; the clock moves only when a test moves it. */
const meta = {
  title: 'Components/SessionList/Interactions',
  component: SessionList,
  // One docs page for the list: Components/SessionList.
  tags: ['!autodocs'],
  args: { getLabel, height: 12 * 44, locale: 'en', onSelect: fn() },
  loaders: [loadWorld({ script: twelveSessions, controlActions: true })],
  decorators: [withWorld],
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

function keysOf(canvasElement: HTMLElement): string[] {
  return within(canvasElement)
    .queryAllByRole('listitem')
    .map((row) => row.dataset.sessionKey ?? '');
}

function rowFor(canvasElement: HTMLElement, sessionKey: string): HTMLElement {
  const row = canvasElement.querySelector<HTMLElement>(`[data-session-key="${sessionKey}"]`);
  if (row === null) throw new Error(`no row for ${sessionKey}`);
  return row;
}

/**
 * All 12 rows are in. (A row's actions come a little later, once the server
 * said which it supports: find them with `findByRole`.)
 */
async function ready(canvasElement: HTMLElement): Promise<void> {
  await waitFor(() => expect(keysOf(canvasElement)).toHaveLength(12));
}

/** Under the pointer, order holds (rows update in place) and a hint counts what waits; leaving applies it. */
export const HoldsOrderUnderPointer: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { emitter } = worldOf({ loaded });
    const canvas = within(canvasElement);
    await ready(canvasElement);
    const before = keysOf(canvasElement);
    await userEvent.hover(rowFor(canvasElement, 'agent:main:main'));
    // The writer starts a turn: waiting sorts above the active sessions.
    emitter.get('agent:writer:main')?.transition('awaiting_model', { turnId: 'w-8' });
    await waitFor(() =>
      expect(rowFor(canvasElement, 'agent:writer:main')).toHaveAttribute('data-health', 'waiting'),
    );
    await expect(rowFor(canvasElement, 'agent:writer:main')).toHaveTextContent(
      'Waiting for the model',
    );
    await expect(keysOf(canvasElement)).toEqual(before);
    // A session that got busier, not worse: no notice (a reshuffle is not news).
    await expect(canvas.queryByRole('button', { name: /newly|new problems/ })).toBeNull();

    await userEvent.unhover(rowFor(canvasElement, 'agent:main:main'));
    await waitFor(() => expect(keysOf(canvasElement).indexOf('agent:writer:main')).toBe(4));
  },
};

/** Focus inside the list holds the order too, until focus leaves. */
export const HoldsOrderWhileFocused: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { emitter } = worldOf({ loaded });
    await ready(canvasElement);
    const before = keysOf(canvasElement);
    rowFor(canvasElement, 'agent:main:main').focus();
    emitter.get('agent:main:cron:digest')?.transition('awaiting_model', { turnId: 'd-2' });
    await waitFor(() =>
      expect(rowFor(canvasElement, 'agent:main:cron:digest')).toHaveAttribute(
        'data-health',
        'waiting',
      ),
    );
    await expect(keysOf(canvasElement)).toEqual(before);
    await userEvent.click(within(canvasElement).getByRole('searchbox'));
    await waitFor(() => expect(keysOf(canvasElement)).not.toEqual(before));
  },
};

/** A keyboard user arrows down the rows while the order changes underneath: no row jumps. */
export const HoldsOrderWhileArrowing: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { emitter } = worldOf({ loaded });
    const canvas = within(canvasElement);
    await ready(canvasElement);
    const before = keysOf(canvasElement);
    canvas.getByRole('button', { name: 'Last activity' }).focus();
    await userEvent.tab();
    await expect(document.activeElement).toBe(rowFor(canvasElement, before[0] ?? ''));
    // The writer starts a turn: live, waiting sorts it above the active sessions.
    emitter.get('agent:writer:main')?.transition('awaiting_model', { turnId: 'w-8' });
    await waitFor(() =>
      expect(rowFor(canvasElement, 'agent:writer:main')).toHaveAttribute('data-health', 'waiting'),
    );
    // Each arrow moves focus from one row to the next, inside the list: the order holds.
    for (let index = 1; index < before.length; index += 1) {
      await userEvent.keyboard('{ArrowDown}');
      await expect(document.activeElement).toBe(rowFor(canvasElement, before[index] ?? ''));
      await expect(keysOf(canvasElement)).toEqual(before);
    }
    // A session that got busier, not worse: no notice (a reshuffle is not news).
    await expect(canvas.queryByRole('button', { name: /newly|new problems/ })).toBeNull();
  },
};

/** Counts filter by health; All/Running; sort by key; search by key and by label. */
export const FilterSortSearch: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ready(canvasElement);

    await userEvent.click(canvas.getByRole('button', { name: '3 stalled' }));
    await waitFor(() => expect(keysOf(canvasElement)).toHaveLength(3));
    for (const row of canvas.getAllByRole('listitem')) {
      await expect(row).toHaveAttribute('data-health', 'stalled');
    }
    await userEvent.click(canvas.getByRole('button', { name: '3 stalled' }));
    await waitFor(() => expect(keysOf(canvasElement)).toHaveLength(12));

    await userEvent.click(canvas.getByRole('button', { name: 'Running' }));
    await waitFor(() => expect(keysOf(canvasElement)).toHaveLength(9));
    await userEvent.click(canvas.getByRole('button', { name: 'All' }));

    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Sort' }), 'key');
    await waitFor(() => expect(keysOf(canvasElement)).toEqual([...keysOf(canvasElement)].sort()));
    await expect(keysOf(canvasElement)[0]).toBe('agent:coder:cron:nightly');

    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search sessions' }), 'coder');
    await waitFor(() =>
      expect(keysOf(canvasElement)).toEqual(['agent:coder:cron:nightly', 'agent:coder:main']),
    );
    await userEvent.clear(canvas.getByRole('searchbox'));
    await userEvent.type(canvas.getByRole('searchbox'), 'digest');
    await waitFor(() => expect(keysOf(canvasElement)).toEqual(['agent:main:cron:digest']));
    await userEvent.clear(canvas.getByRole('searchbox'));
    await userEvent.type(canvas.getByRole('searchbox'), 'zzz');
    await expect(await canvas.findByText('No sessions match “zzz”')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Show all sessions' }));
    await waitFor(() => expect(keysOf(canvasElement)).toHaveLength(12));
  },
};

/** Tab reaches one row; arrows, Home/End, PageUp/PageDown move; Enter selects. */
export const KeyboardNavigation: Story = {
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await ready(canvasElement);
    const keys = keysOf(canvasElement);
    canvas.getByRole('button', { name: 'Last activity' }).focus();
    await userEvent.tab();
    await expect(document.activeElement).toBe(rowFor(canvasElement, keys[0] ?? ''));
    await userEvent.keyboard('{ArrowDown}');
    await expect(document.activeElement).toBe(rowFor(canvasElement, keys[1] ?? ''));
    await userEvent.keyboard('{End}');
    await expect(document.activeElement).toBe(rowFor(canvasElement, keys[11] ?? ''));
    await userEvent.keyboard('{Home}');
    await expect(document.activeElement).toBe(rowFor(canvasElement, keys[0] ?? ''));
    // A page is the rows in view less one: 11 here, so from the top it lands on the last row.
    await userEvent.keyboard('{PageDown}');
    await expect(document.activeElement).toHaveAttribute('data-session-key', keys[11]);
    await userEvent.keyboard('{PageUp}{ArrowDown}{ArrowDown}');
    const chosen = keys[2] ?? '';
    await expect(document.activeElement).toBe(rowFor(canvasElement, chosen));
    await userEvent.keyboard('{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith(chosen);
    await expect(rowFor(canvasElement, chosen)).toHaveAttribute('aria-current', 'true');
    await expect(rowFor(canvasElement, chosen)).toHaveAttribute('data-selected');
    // Only one row is in the tab order.
    const tabbable = canvas.getAllByRole('listitem').filter((row) => row.tabIndex === 0);
    await expect(tabbable).toHaveLength(1);
    // Tab moves into the row: the dot opens its tooltip.
    await userEvent.tab();
    await expect(await screen.findByRole('tooltip')).toHaveTextContent('Research');
  },
};

/** Hovering a row's dot shows its details, the stall reason in words. */
export const TooltipInRow: Story = {
  play: async ({ canvasElement }) => {
    await ready(canvasElement);
    const row = rowFor(canvasElement, 'agent:research:main');
    await userEvent.hover(within(row).getByRole('button', { name: 'Stalled' }));
    const tooltip = await screen.findByRole('tooltip');
    await expect(tooltip).toHaveTextContent('No first token for 42s — limit 30s');
    await expect(tooltip).toHaveTextContent('ollama/llama3.3:70b');
    // The strip reaches back before the client listened: the server's history is loaded.
    await waitFor(() =>
      expect(within(tooltip).getByRole('img', { name: /^Last 10 minutes/ })).toHaveAccessibleName(
        'Last 10 minutes: waiting for the model 8s, running a tool 13s, waiting for the model (stalled) 42s',
      ),
    );
  },
};

/** Restart: confirm, pending, then the session comes back idle and the action goes. */
export const RestartConfirmed: Story = {
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    await ready(canvasElement);
    const row = rowFor(canvasElement, 'agent:research:main');
    await userEvent.click(await within(row).findByRole('button', { name: 'Restart' }));
    const confirm = await within(row).findByRole('button', {
      name: 'Confirm restart of agent:research:main',
    });
    await expect(confirm).toHaveFocus();
    await expect(within(row).getByRole('button', { name: 'Cancel' })).toBeVisible();
    await userEvent.click(confirm);
    await expect(await within(row).findByRole('button', { name: 'Restarting…' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await expect(world.pendingActions.map((restart) => restart.sessionKey)).toEqual([
      'agent:research:main',
    ]);
    world.pendingActions[0]?.resolve();
    await waitFor(() => expect(row).toHaveAttribute('data-health', 'idle'));
    await waitFor(() => expect(within(row).queryByRole('button', { name: /Restart/ })).toBeNull());
  },
};

/** Accepted but the host has not restarted it yet: "Requested" until the session moves. */
export const RestartRequested: Story = {
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    await ready(canvasElement);
    const row = rowFor(canvasElement, 'agent:coder:cron:nightly');
    await userEvent.click(await within(row).findByRole('button', { name: 'Restart' }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(world.pendingActions).toHaveLength(1));
    world.pendingActions[0]?.resolve(false);
    await expect(await within(row).findByRole('button', { name: 'Requested' })).toBeVisible();
  },
};

/** Restart fails: the error shows, with a retry. Escape backs out of a confirm. */
export const RestartFails: Story = {
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    await ready(canvasElement);
    const row = rowFor(canvasElement, 'agent:triage:main');
    await userEvent.click(await within(row).findByRole('button', { name: 'Restart' }));
    await userEvent.keyboard('{Escape}');
    await expect(await within(row).findByRole('button', { name: 'Restart' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await userEvent.click(await within(row).findByRole('button', { name: /^Confirm restart/ }));
    await waitFor(() => expect(world.pendingActions).toHaveLength(1));
    world.pendingActions[0]?.reject('Gateway timed out');
    await expect(await within(row).findByRole('alert')).toHaveTextContent('Restart failed');
    await expect(
      await within(row).findByRole('button', { name: 'Retry restart of agent:triage:main' }),
    ).toBeVisible();
  },
};

/** A session that stalls is announced once, politely, as a summary. */
export const AnnouncesStalls: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { clock } = worldOf({ loaded });
    await ready(canvasElement);
    const region = canvasElement.querySelector('[aria-live="polite"]');
    await expect(region).toHaveTextContent('');
    // 22.5 s later the telegram session has waited 30.5 s for its first token.
    clock.advance(22.5 * SECOND);
    await waitFor(() =>
      expect(rowFor(canvasElement, 'agent:ops:telegram:direct:4711')).toHaveAttribute(
        'data-health',
        'stalled',
      ),
    );
    await waitFor(() =>
      expect(region).toHaveTextContent('1 session stalled: agent:ops:telegram:direct:4711.'),
    );
  },
};

export const WithSelection: Story = {
  args: { selectedKey: 'agent:main:main' },
  play: async ({ canvasElement }) => {
    await ready(canvasElement);
    await expect(rowFor(canvasElement, 'agent:main:main')).toHaveAttribute('aria-current', 'true');
  },
};
