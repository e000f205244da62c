import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { RestartActionView, type RestartPhase } from './restart-action-view';
import { SessionRestartAction } from './session-restart-action';

const meta = {
  title: 'Components/RestartAction',
  component: RestartActionView,
  subcomponents: { SessionRestartAction },
} satisfies Meta<typeof RestartActionView>;

export default meta;
type Story = StoryObj<typeof meta>;

function RestartFlow({ onRestart }: { onRestart: () => Promise<void> }) {
  const [phase, setPhase] = useState<RestartPhase>('idle');
  return (
    <RestartActionView
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

/** Enter, Enter restarts; focus stays on the button through every phase. */
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
