import { SESSION_HEALTHS, type SessionHealth } from '@session-heartbeat/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { HEALTH_LABELS } from '../format/describe-session';
import { SECOND } from '../story-fixtures/fixtures';
import { twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { StatusDot, type StatusDotSize } from './status-dot';

const meta = {
  title: 'Components/StatusDot',
  component: StatusDot,
  args: { health: 'active', size: 'md' },
  argTypes: {
    health: { control: 'inline-radio', options: SESSION_HEALTHS },
    size: { control: 'inline-radio', options: ['sm', 'md', 'lg'] },
  },
} satisfies Meta<typeof StatusDot>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Playground: Story = {
  play: async ({ canvasElement, args }) => {
    const dot = within(canvasElement).getByRole('img', {
      name: HEALTH_LABELS[args.health ?? 'active'],
    });
    await expect(dot).toHaveAttribute('data-health', args.health);
  },
};

const SIZES: readonly StatusDotSize[] = ['sm', 'md', 'lg'];

function Matrix() {
  return (
    <table className="shb-story-table">
      <caption className="shb-visually-hidden">Every health at every size</caption>
      <thead>
        <tr>
          <th scope="col">Health</th>
          {SIZES.map((size) => (
            <th key={size} scope="col">
              {size}
            </th>
          ))}
          <th scope="col">Greyscale</th>
        </tr>
      </thead>
      <tbody>
        {SESSION_HEALTHS.map((health: SessionHealth) => (
          <tr key={health}>
            <th scope="row">{HEALTH_LABELS[health]}</th>
            {SIZES.map((size) => (
              <td key={size}>
                <StatusDot health={health} size={size} />
              </td>
            ))}
            <td style={{ filter: 'grayscale(1)' }}>
              <StatusDot health={health} size="lg" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every health at every size, and in greyscale: the shapes alone tell them apart. */
export const AllHealths: Story = {
  render: () => <Matrix />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    for (const health of SESSION_HEALTHS) {
      const dots = canvas.getAllByRole('img', { name: HEALTH_LABELS[health] });
      await expect(dots).toHaveLength(SIZES.length + 1);
      for (const dot of dots) await expect(dot).toHaveAttribute('data-health', health);
    }
  },
};

/** In the dark theme too, every dot is named for its health. */
export const AllHealthsDark: Story = {
  ...AllHealths,
  globals: { theme: 'dark' },
};

export const Stalled: Story = {
  args: { health: 'stalled', size: 'lg' },
  play: async ({ canvasElement }) => {
    const dot = within(canvasElement).getByRole('img', { name: 'Stalled' });
    await expect(dot).toHaveAttribute('data-health', 'stalled');
    await expect(dot).toHaveAttribute('data-size', 'lg');
  },
};

/** The label can carry context; `data-health` still says the health. */
export const WithContextLabel: Story = {
  args: { health: 'unresponsive', label: 'Unresponsive: agent:main:main' },
  play: async ({ canvasElement }) => {
    const dot = within(canvasElement).getByRole('img', { name: 'Unresponsive: agent:main:main' });
    await expect(dot).toHaveAttribute('data-health', 'unresponsive');
  },
};

const KEYED = [
  'agent:ops:main',
  'agent:research:main',
  'agent:ops:telegram:direct:4711',
  'agent:writer:main',
];

/** `sessionKey` instead of `health`: the dot follows the session (here on a manual clock). */
export const ForASessionKey: Story = {
  loaders: [loadWorld({ script: twelveSessions })],
  decorators: [withWorld],
  render: () => (
    <div style={{ display: 'flex', gap: 16 }}>
      {KEYED.map((sessionKey) => (
        <StatusDot key={sessionKey} sessionKey={sessionKey} size="lg" data-key={sessionKey} />
      ))}
    </div>
  ),
  play: async ({ canvasElement, loaded }) => {
    const dotOf = (key: string) => canvasElement.querySelector(`[data-key="${key}"]`);
    await waitFor(() =>
      expect(dotOf('agent:ops:main')).toHaveAttribute('data-health', 'unresponsive'),
    );
    await expect(dotOf('agent:research:main')).toHaveAccessibleName('Stalled');
    await expect(dotOf('agent:ops:telegram:direct:4711')).toHaveAttribute('data-health', 'waiting');
    // 23 s on, the telegram session has waited 31 s for a first token: stalled, with no new heartbeat needed.
    worldOf({ loaded }).clock.advance(23 * SECOND);
    await waitFor(() =>
      expect(dotOf('agent:ops:telegram:direct:4711')).toHaveAttribute('data-health', 'stalled'),
    );
    await expect(dotOf('agent:writer:main')).toHaveAttribute('data-health', 'idle');
  },
};

/**
 * A wait on a person: waiting's colour, its own shape (a question mark, not
 * waiting's half ring), and its own name, so it reads without colour or shape.
 */
export const NeedsApproval: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: 16 }}>
      <StatusDot health="waiting" size="lg" />
      <StatusDot health="waiting" approval size="lg" />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const waiting = canvas.getByRole('img', { name: 'Waiting' });
    const approval = canvas.getByRole('img', { name: 'Needs approval' });
    await expect(approval).toHaveAttribute('data-health', 'waiting');
    await expect(approval).toHaveAttribute('data-approval');
    await expect(approval.innerHTML).not.toBe(waiting.innerHTML);
  },
};
