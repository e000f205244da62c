import type { SessionAction } from '@session-heartbeat/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import type { ActionPhase } from './action-phase';
import { SessionTimeline } from '../session-timeline/session-timeline';
import { SessionActions } from './session-actions';

const meta = {
  title: 'Components/SessionActions',
  component: SessionActions,
} satisfies Meta<typeof SessionActions>;

export default meta;
type Story = StoryObj<typeof meta>;

const PHASES: readonly ActionPhase[] = ['idle', 'confirming', 'pending', 'done', 'error'];
const ACTIONS: readonly SessionAction[] = ['nudge', 'abort', 'restart'];

/** Every rung in every phase, with plain props: what a person reads on each button. */
export const EveryActionState: Story = {
  args: {
    sessionKey: 'agent:research:main',
    rungs: [],
    onRequest: fn(),
    onConfirm: fn(),
    onCancel: fn(),
  },
  render: (args) => (
    <table className="shb-story-table">
      <tbody>
        {ACTIONS.map((action) => (
          <tr key={action}>
            <th scope="row">{action}</th>
            {PHASES.map((phase) => (
              <td key={phase}>
                <SessionActions
                  sessionKey={`${action}-${phase}`}
                  rungs={[{ action, phase, errorMessage: 'Gateway timed out' }]}
                  onRequest={args.onRequest ?? (() => undefined)}
                  onConfirm={args.onConfirm ?? (() => undefined)}
                  onCancel={args.onCancel ?? (() => undefined)}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const texts = (action: SessionAction) =>
      PHASES.map(
        (phase) => canvas.getByRole('group', { name: `Recover ${action}-${phase}` }).textContent,
      );
    await expect(texts('nudge')).toEqual([
      'Nudge',
      'Nudge nudge-confirming? The agent is asked to report or resume.CancelConfirm',
      'Nudging…',
      'Nudged',
      'Nudge failed for nudge-error: Gateway timed outRetry',
    ]);
    await expect(texts('abort')).toEqual([
      'Abort',
      'Abort the current turn of abort-confirming? The session stops and goes to complete.CancelConfirm',
      'Aborting…',
      'Aborted',
      'Abort failed for abort-error: Gateway timed outRetry',
    ]);
    await expect(texts('restart')).toEqual([
      'Restart',
      'Restart restart-confirming? What it is doing is dropped, and it comes back idle.CancelConfirm',
      'Restarting…',
      'Requested',
      'Restart failed for restart-error: Gateway timed outRetry',
    ]);
    // The confirm is described by the question, so a screen reader hears the effect with it.
    await expect(
      canvas.getByRole('button', { name: 'Confirm abort of abort-confirming' }),
    ).toHaveAccessibleDescription(
      'Abort the current turn of abort-confirming? The session stops and goes to complete.',
    );
    // Words for screen readers where the text alone is not enough.
    await expect(
      canvas.getByRole('button', { name: 'Confirm abort of abort-confirming' }),
    ).toBeVisible();
    await expect(
      canvas.getByRole('button', { name: 'Retry restart of restart-error' }),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Aborted' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  },
};

export const EveryActionStateDark: Story = { ...EveryActionState, globals: { theme: 'dark' } };

function RestartOnly({ onRestart }: { onRestart: () => Promise<void> }) {
  const [phase, setPhase] = useState<ActionPhase>('idle');
  return (
    <SessionActions
      sessionKey="agent:research:main"
      rungs={[{ action: 'restart', phase }]}
      onRequest={() => setPhase('confirming')}
      onCancel={() => setPhase('idle')}
      onConfirm={() => {
        setPhase('pending');
        onRestart().then(
          () => setPhase('done'),
          () => setPhase('error'),
        );
      }}
    />
  );
}

/** Enter, Enter restarts; focus stays on the button through every phase (plain props). */
export const ByKeyboard: Story = {
  args: {
    sessionKey: 'agent:research:main',
    rungs: [],
    onRequest: fn(),
    onConfirm: fn(),
    onCancel: fn(),
  },
  render: () => {
    let settle: () => void = () => undefined;
    const restart = () =>
      new Promise<void>((resolve) => {
        settle = resolve;
      });
    return (
      <div style={{ padding: 16 }}>
        <RestartOnly onRestart={restart} />
        <button type="button" className="shb-button" onClick={() => settle()}>
          Host accepts
        </button>
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Restart' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const confirm = canvas.getByRole('button', { name: 'Confirm restart of agent:research:main' });
    await expect(confirm).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(canvas.getByRole('button', { name: 'Restarting…' })).toHaveFocus();
    await userEvent.click(canvas.getByRole('button', { name: 'Host accepts' }));
    await expect(await canvas.findByRole('button', { name: 'Requested' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  },
};

/**
 * Given only a session key: the ladder the server supports, acting through
 * the provider's client. A nudge goes at once; an abort asks first and ends
 * the turn; two views of one session (a row and a detail panel) show the same
 * request, because it is the client's, not the component's.
 */
export const Connected: Story = {
  args: { sessionKey: 'agent:research:main' },
  loaders: [loadWorld({ script: twelveSessions, controlActions: true })],
  decorators: [withWorld],
  render: (args) => (
    <div style={{ display: 'grid', gap: 12, padding: 16 }}>
      <section aria-label="Row">
        <SessionActions sessionKey={args.sessionKey} />
      </section>
      <section aria-label="Detail panel">
        <SessionActions sessionKey={args.sessionKey} />
      </section>
    </div>
  ),
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    const row = within(await canvas.findByRole('region', { name: 'Row' }));
    const panel = within(canvas.getByRole('region', { name: 'Detail panel' }));
    await expect(await row.findByRole('button', { name: 'Nudge' })).toBeVisible();
    // A nudge asks nothing first.
    await userEvent.click(row.getByRole('button', { name: 'Nudge' }));
    await waitFor(() => expect(world.pendingActions.map((a) => a.action)).toEqual(['nudge']));
    await expect(await panel.findByRole('button', { name: 'Nudging…' })).toBeVisible();
    world.pendingActions[0]?.resolve();
    await expect(await panel.findByRole('button', { name: 'Nudged' })).toBeVisible();
    // An abort does: confirming is this view's own step; the other view still offers it.
    await userEvent.click(row.getByRole('button', { name: 'Abort' }));
    await expect(panel.getByRole('button', { name: 'Abort' })).toBeVisible();
    await userEvent.click(row.getByRole('button', { name: /^Confirm abort/ }));
    await waitFor(() => expect(world.pendingActions).toHaveLength(2));
    await expect(await panel.findByRole('button', { name: 'Aborting…' })).toBeVisible();
    world.pendingActions[1]?.resolve();
    await waitFor(() =>
      expect(world.emitter.heartbeat('agent:research:main')?.state).toBe('complete'),
    );
  },
};

/** A failed action says so, with a retry; Escape backs out of a confirm. */
export const Failed: Story = {
  args: { sessionKey: 'agent:triage:main' },
  loaders: [loadWorld({ script: twelveSessions, controlActions: true })],
  decorators: [withWorld],
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Restart' }));
    await userEvent.keyboard('{Escape}');
    await expect(canvas.getByRole('button', { name: 'Restart' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await userEvent.click(canvas.getByRole('button', { name: /^Confirm restart/ }));
    await waitFor(() => expect(world.pendingActions).toHaveLength(1));
    world.pendingActions[0]?.reject('Gateway timed out');
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Restart failed');
    await expect(
      canvas.getByRole('button', { name: 'Retry restart of agent:triage:main' }),
    ).toBeVisible();
  },
};

/** The host takes an action over (`preventDefault()`): nothing goes to the server. */
export const HandledByTheHost: Story = {
  args: {
    sessionKey: 'agent:research:main',
    onAction: fn((request) => request.preventDefault()),
  },
  loaders: [loadWorld({ script: twelveSessions, controlActions: true })],
  decorators: [withWorld],
  play: async ({ canvasElement, loaded, args }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Restart' }));
    await userEvent.click(canvas.getByRole('button', { name: /^Confirm restart/ }));
    await expect(await canvas.findByRole('button', { name: 'Requested' })).toBeVisible();
    await expect(args.onAction).toHaveBeenCalledWith(
      expect.objectContaining({ sessionKey: 'agent:research:main', action: 'restart' }),
    );
    await expect(world.pendingActions).toHaveLength(0);
  },
};

/** A server that supports no action (a v1 host with restart turned off): nothing is offered. */
export const NothingSupported: Story = {
  args: { sessionKey: 'agent:research:main', actions: [] },
  loaders: [loadWorld({ script: twelveSessions })],
  decorators: [withWorld],
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('group')).toBeNull();
  },
};

/**
 * The whole flow as a person lives it: the confirm names the session (its
 * label) and the effect; once the server accepts, the result is said in the
 * page's polite live region and shown under the buttons; the session's
 * timeline marks the action; and as the turn ends nothing is offered any
 * more, so focus goes to the result instead of being lost.
 */
export const ResultAnnouncedAndMarked: Story = {
  args: { sessionKey: 'agent:triage:main' },
  loaders: [loadWorld({ script: twelveSessions, controlActions: true })],
  decorators: [withWorld],
  render: (args) => (
    <div style={{ display: 'grid', gap: 12, padding: 16, maxWidth: 420 }}>
      <SessionActions sessionKey={args.sessionKey} />
      <SessionTimeline sessionKey={args.sessionKey} />
    </div>
  ),
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    world.emitter.get('agent:triage:main')?.setLabel('Triage bot');
    await userEvent.click(await canvas.findByRole('button', { name: 'Abort' }));
    await expect(
      await canvas.findByText(
        'Abort the current turn of Triage bot? The session stops and goes to complete.',
      ),
    ).toBeVisible();
    await userEvent.click(
      canvas.getByRole('button', { name: 'Confirm abort of agent:triage:main' }),
    );
    await waitFor(() => expect(world.pendingActions).toHaveLength(1));
    world.pendingActions[0]?.resolve();
    const announcer = canvasElement.ownerDocument.querySelector('[data-shb-announcer]');
    await waitFor(() =>
      expect(announcer).toHaveTextContent(
        'Abort sent: Triage bot stops its turn and goes to complete.',
      ),
    );
    await expect(announcer).toHaveAttribute('aria-live', 'polite');
    // Complete: nothing left to offer; the result is shown, and focus is on it.
    const outcome = await canvas.findByText('Aborted: Triage bot completed its turn.');
    await expect(outcome).toBeVisible();
    await expect(outcome).toHaveFocus();
    await expect(canvas.queryByRole('button', { name: 'Abort' })).toBeNull();
    await expect(canvas.getByRole('img', { name: /^Last 10 min/ })).toHaveAccessibleName(
      /; abort asked now$/,
    );
    await expect(
      canvasElement.querySelector('.shb-timeline__mark[data-action="abort"]'),
    ).not.toBeNull();
  },
};

export const ResultAnnouncedAndMarkedDark: Story = {
  ...ResultAnnouncedAndMarked,
  globals: { theme: 'dark' },
};

/**
 * Offered where it makes sense (`applicableActions`): the whole ladder for a
 * stalled turn, only Abort for a healthy one, only Restart for a session that
 * stopped beating, nothing for an idle or complete one.
 */
export const OfferedWhereTheyMakeSense: Story = {
  args: { sessionKey: 'agent:triage:main' },
  loaders: [loadWorld({ script: twelveSessions, controlActions: true })],
  decorators: [withWorld],
  render: () => (
    <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: 8, padding: 16 }}>
      {[
        ['Stalled', 'agent:triage:main'],
        ['Active', 'agent:main:main'],
        ['Unresponsive', 'agent:ops:main'],
        ['Idle', 'agent:writer:main'],
        ['Complete', 'agent:main:whatsapp:direct:31612'],
      ].map(([health, key]) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt>{health}</dt>
          <dd style={{ margin: 0 }}>
            <SessionActions sessionKey={key ?? ''} />
          </dd>
        </div>
      ))}
    </dl>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const offered = (key: string) =>
      within(canvas.getByRole('group', { name: `Recover ${key}` }))
        .getAllByRole('button')
        .map((button) => button.textContent);
    await waitFor(() =>
      expect(offered('agent:triage:main')).toEqual(['Nudge', 'Abort', 'Restart']),
    );
    await expect(offered('agent:main:main')).toEqual(['Abort']);
    await expect(offered('agent:ops:main')).toEqual(['Restart']);
    await expect(canvas.queryByRole('group', { name: 'Recover agent:writer:main' })).toBeNull();
    await expect(
      canvas.queryByRole('group', { name: 'Recover agent:main:whatsapp:direct:31612' }),
    ).toBeNull();
  },
};

/**
 * While the client cannot hear the server, what the last state it heard
 * allows stays, disabled, and says why (health is unknown then, so Restart,
 * which only a stalled or silent session is offered, is not).
 */
export const DisabledWhileDisconnected: Story = {
  args: { sessionKey: 'agent:triage:main' },
  loaders: [loadWorld({ script: twelveSessions, controlActions: true })],
  decorators: [withWorld],
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Restart' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Abort' })).not.toHaveAttribute(
      'aria-disabled',
    );
    world.client.stop();
    const reason = await canvas.findByText(
      'Not connected: actions wait for the connection to come back.',
    );
    await expect(reason).toBeVisible();
    const abort = canvas.getByRole('button', { name: 'Abort' });
    await expect(abort).toHaveAttribute('aria-disabled', 'true');
    await expect(abort).toHaveAccessibleDescription(
      'Not connected: actions wait for the connection to come back.',
    );
    await userEvent.click(abort);
    await expect(canvas.queryByRole('button', { name: /^Confirm/ })).toBeNull();
    await expect(world.pendingActions).toHaveLength(0);
  },
};
