import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import type { ActionPhase } from './action-phase';
import { RestartAction } from './restart-action';

const meta = {
  title: 'Components/RestartAction',
  component: RestartAction,
} satisfies Meta<typeof RestartAction>;

export default meta;
type Story = StoryObj<typeof meta>;

function RestartFlow({ onRestart }: { onRestart: () => Promise<void> }) {
  const [phase, setPhase] = useState<ActionPhase>('idle');
  return (
    <RestartAction
      sessionKey="agent:research:main"
      phase={phase}
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
    phase: 'idle',
    onRequest: () => undefined,
    onConfirm: () => undefined,
    onCancel: () => undefined,
  },
  render: () => {
    let settle: () => void = () => undefined;
    const restart = () =>
      new Promise<void>((resolve) => {
        settle = resolve;
      });
    return (
      <div style={{ padding: 16 }}>
        <RestartFlow onRestart={restart} />
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
 * Given only a session key, it restarts that session through the provider's
 * client; two views of one session (a row and a detail panel) show the same
 * request, because it is the client's, not the component's.
 */
export const Connected: Story = {
  args: { sessionKey: 'agent:research:main' },
  loaders: [loadWorld({ script: twelveSessions, controlRestarts: true })],
  decorators: [withWorld],
  render: (args) => (
    <div style={{ display: 'grid', gap: 12, padding: 16 }}>
      <section aria-label="Row">
        <RestartAction sessionKey={args.sessionKey} />
      </section>
      <section aria-label="Detail panel">
        <RestartAction sessionKey={args.sessionKey} />
      </section>
    </div>
  ),
  play: async ({ canvasElement, loaded }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    const row = within(canvas.getByRole('region', { name: 'Row' }));
    const panel = within(canvas.getByRole('region', { name: 'Detail panel' }));
    await userEvent.click(row.getByRole('button', { name: 'Restart' }));
    // Confirming is this view's own step; the other view still offers it.
    await expect(panel.getByRole('button', { name: 'Restart' })).toBeVisible();
    await userEvent.click(row.getByRole('button', { name: /^Confirm restart/ }));
    await waitFor(() => expect(world.pendingRestarts).toHaveLength(1));
    await expect(await panel.findByRole('button', { name: 'Restarting…' })).toBeVisible();
    world.pendingRestarts[0]?.resolve(false);
    await expect(await panel.findByRole('button', { name: 'Requested' })).toBeVisible();
    await expect(row.getByRole('button', { name: 'Requested' })).toBeVisible();
  },
};

/** The host takes the restart over (`preventDefault()`): nothing goes to the server. */
export const HandledByTheHost: Story = {
  args: {
    sessionKey: 'agent:research:main',
    onAction: fn((request) => request.preventDefault()),
  },
  loaders: [loadWorld({ script: twelveSessions, controlRestarts: true })],
  decorators: [withWorld],
  play: async ({ canvasElement, loaded, args }) => {
    const world = worldOf({ loaded });
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Restart' }));
    await userEvent.click(canvas.getByRole('button', { name: /^Confirm restart/ }));
    await expect(await canvas.findByRole('button', { name: 'Requested' })).toBeVisible();
    await expect(args.onAction).toHaveBeenCalledWith(
      expect.objectContaining({ sessionKey: 'agent:research:main', action: 'restart' }),
    );
    await expect(world.pendingRestarts).toHaveLength(0);
  },
};
