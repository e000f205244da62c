import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { SECOND } from '../story-fixtures/fixtures';
import { getLabel, manySessions, twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { SessionList } from './session-list';

const meta = {
  title: 'Components/SessionList/Bulk actions',
  component: SessionList,
  args: { getLabel, height: 12 * 44, locale: 'en' },
  loaders: [loadWorld({ script: twelveSessions, controlActions: true })],
  decorators: [withWorld],
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowsOf = (canvasElement: HTMLElement) => within(canvasElement).queryAllByRole('listitem');
const rowOf = (canvasElement: HTMLElement, sessionKey: string) =>
  canvasElement.querySelector(`[data-session-key="${sessionKey}"]`) as HTMLElement;
const STALLED = ['agent:research:main', 'agent:coder:cron:nightly', 'agent:triage:main'];

/**
 * "Restart all stalled": filtered to the three stalled sessions, the toolbar
 * offers what applies to them; the confirm names the count, the effect and
 * the sessions; every row shows its own request; the result is said and
 * shown, failures with the server's reason.
 */
export const RestartAllStalled: Story = {
  args: { defaultFilter: 'stalled' },
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(3));
    // Offered once the server said which actions it supports (after the rows).
    const bulk = within(await canvas.findByRole('group', { name: 'Act on the sessions shown' }));
    const open = bulk.getByRole('button', { name: 'Act on 3 sessions shown' });
    await userEvent.click(open);
    await expect(open).toHaveAttribute('aria-expanded', 'true');
    await expect(bulk.getAllByRole('button').map((button) => button.textContent)).toEqual([
      'Act on 3 sessions shown',
      'Nudge 3 stalled sessions…',
      'Abort 3 stalled sessions…',
      'Restart 3 stalled sessions…',
      'Cancel',
    ]);
    await expect(bulk.getByRole('button', { name: 'Nudge 3 stalled sessions…' })).toHaveFocus();
    await userEvent.click(bulk.getByRole('button', { name: 'Restart 3 stalled sessions…' }));
    const question =
      'Restart 3 stalled sessions? What each one is doing is dropped, and it comes back idle.';
    await expect(bulk.getByText(question)).toBeVisible();
    // The first few, by the names a person reads (a label, else the key).
    await expect(
      within(bulk.getByRole('list', { name: 'Among them' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent)
        .sort(),
    ).toEqual(['Nightly build', 'Research', 'agent:triage:main']);
    const confirm = bulk.getByRole('button', { name: 'Confirm restart of 3 sessions' });
    await expect(confirm).toHaveFocus();
    await expect(confirm).toHaveAccessibleDescription(question);
    await userEvent.click(confirm);

    // Each through the row's path: the server is asked once per session, and each row shows it.
    await waitFor(() => expect(world.pendingActions).toHaveLength(3));
    await expect(world.pendingActions.map((action) => action.sessionKey).sort()).toEqual(
      [...STALLED].sort(),
    );
    await expect(world.pendingActions.every((action) => action.action === 'restart')).toBe(true);
    for (const key of STALLED) {
      await expect(
        within(rowOf(canvasElement, key)).getByRole('button', { name: 'Restarting…' }),
      ).toBeVisible();
    }
    await expect(canvas.getByText('Restarting 3 sessions: 0 of 3 done.')).toBeVisible();
    const failing = world.pendingActions.find(
      (action) => action.sessionKey === 'agent:triage:main',
    );
    failing?.reject('Gateway timed out');
    for (const action of world.pendingActions) if (action !== failing) action.resolve();

    const result = 'Restarted 2 of 3; 1 failed: agent:triage:main — Gateway timed out.';
    await expect(await canvas.findByText(result)).toBeVisible();
    const announcer = canvasElement.ownerDocument.querySelector('[data-shb-announcer]');
    await waitFor(() => expect(announcer).toHaveTextContent(result));
    // The two restarted come back idle and leave the filter; the failed one offers a retry.
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(1));
    await expect(
      within(rowOf(canvasElement, 'agent:triage:main')).getByRole('button', {
        name: 'Retry restart of agent:triage:main',
      }),
    ).toBeVisible();
  },
};

export const RestartAllStalledDark: Story = { ...RestartAllStalled, globals: { theme: 'dark' } };

/**
 * 200 sessions, 10 of them stalled: at most four requests are in flight at
 * once, the next starts as one ends, and sessions that stall after the
 * confirm (the filter grows) are not touched: the set is the one confirmed.
 */
export const AtMostFourAtOnceOnTheSetConfirmed: Story = {
  args: { defaultFilter: 'stalled', getLabel: undefined },
  loaders: [loadWorld({ script: manySessions(200), controlActions: true })],
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(10));
    const confirmed = rowsOf(canvasElement).map((row) => row.dataset.sessionKey);
    await userEvent.click(await canvas.findByRole('button', { name: 'Act on 10 sessions shown' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Restart 10 stalled sessions…' }));
    await expect(canvas.getByRole('list', { name: 'Among them' })).toHaveTextContent(/and 7 more$/);
    await userEvent.click(canvas.getByRole('button', { name: 'Confirm restart of 10 sessions' }));
    await waitFor(() => expect(world.pendingActions).toHaveLength(4));

    // The busy sessions stop sending tokens: more are stalled now, after the confirm.
    world.clock.advance(60 * SECOND);
    await waitFor(() => expect(rowsOf(canvasElement).length).toBeGreaterThan(10));

    const asked: string[] = [];
    while (asked.length < 10) {
      await waitFor(() => expect(world.pendingActions.length).toBeGreaterThan(0));
      // Never more than four waiting on the server.
      await expect(world.pendingActions.length).toBeLessThanOrEqual(4);
      const next = world.pendingActions.shift();
      if (next === undefined) break;
      asked.push(next.sessionKey);
      next.resolve();
    }
    await expect(await canvas.findByText('Restarted 10 of 10.')).toBeVisible();
    await expect(world.pendingActions).toHaveLength(0);
    await expect(asked.sort()).toEqual([...confirmed].sort());
  },
};

/**
 * The host hears each session's request (`onAction`) as a row's button tells
 * it, and may take one over (`preventDefault()`): that one is not sent.
 */
export const HostTakesOneOver: Story = {
  args: {
    defaultFilter: 'stalled',
    onAction: fn((request) => {
      if (request.sessionKey === 'agent:triage:main') request.preventDefault();
    }),
  },
  play: async ({ canvasElement, loaded, args }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Act on 3 sessions shown' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Restart 3 stalled sessions…' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Confirm restart of 3 sessions' }));
    await waitFor(() => expect(world.pendingActions).toHaveLength(2));
    await expect(args.onAction).toHaveBeenCalledTimes(3);
    for (const sessionKey of STALLED) {
      await expect(args.onAction).toHaveBeenCalledWith(
        expect.objectContaining({ sessionKey, action: 'restart' }),
      );
    }
    await expect(world.pendingActions.map((action) => action.sessionKey)).not.toContain(
      'agent:triage:main',
    );
    for (const action of world.pendingActions) action.resolve();
    await expect(await canvas.findByText('Restarted 3 of 3.')).toBeVisible();
  },
};

/** Without a filter or search there is no set to act on in bulk: nothing is offered. */
export const OnlyForAFilteredSet: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    await expect(canvas.queryByRole('group', { name: 'Act on the sessions shown' })).toBeNull();
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search sessions' }), 'ops');
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(3));
    await userEvent.click(await canvas.findByRole('button', { name: 'Act on 3 sessions shown' }));
    // Of the three ops sessions, one stopped beating (restart) and two are mid-turn (abort).
    await expect(
      within(canvas.getByRole('group', { name: 'Act on the sessions shown' }))
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual([
      'Act on 3 sessions shown',
      'Abort 2 sessions matching “ops”…',
      'Restart 1 session matching “ops”…',
      'Cancel',
    ]);
    await userEvent.keyboard('{Escape}');
    await expect(canvas.getByRole('button', { name: 'Act on 3 sessions shown' })).toHaveFocus();
    await expect(canvas.queryByRole('button', { name: /^Restart 1 session/ })).toBeNull();
  },
};

/** While the client cannot hear the server, the bulk actions are disabled and say why. */
export const DisabledWhileDisconnected: Story = {
  args: { defaultSearch: 'ops' },
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    const open = await canvas.findByRole('button', { name: 'Act on 3 sessions shown' });
    world.client.stop();
    await waitFor(() => expect(open).toHaveAttribute('aria-disabled', 'true'));
    await expect(open).toHaveAccessibleDescription(
      'Not connected: actions wait for the connection to come back.',
    );
    await userEvent.click(open);
    await expect(open).toHaveAttribute('aria-expanded', 'false');
    await expect(world.pendingActions).toHaveLength(0);
  },
};
