import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, screen, userEvent, within } from 'storybook/test';
import { SessionDetails } from '../session-tooltip/session-details';
import { COMBINATIONS, NOW, verdictOf } from '../story-fixtures/fixtures';
import { RestartActionView, type RestartPhase } from './restart-action-view';
import { SessionRowView } from './session-row-view';

const meta = {
  title: 'Components/SessionRowView',
  component: SessionRowView,
  args: {
    sessionKey: COMBINATIONS.awaitingModelStalled.sessionKey,
    heartbeat: COMBINATIONS.awaitingModelStalled,
    verdict: verdictOf(COMBINATIONS.awaitingModelStalled),
    now: NOW,
    locale: 'en',
  },
  decorators: [
    (Story) => (
      <div role="list" aria-label="Sessions" className="shb-list" style={{ maxWidth: 1100 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof SessionRowView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One row per (state, health) pair, with plain props. */
export const EveryStateAndHealth: Story = {
  render: () => (
    <>
      {Object.values(COMBINATIONS).map((heartbeat) => (
        <SessionRowView
          key={heartbeat.sessionKey}
          sessionKey={heartbeat.sessionKey}
          heartbeat={heartbeat}
          verdict={verdictOf(heartbeat)}
          now={NOW}
          locale="en"
        />
      ))}
      <SessionRowView
        sessionKey="agent:new:main"
        heartbeat={undefined}
        verdict={verdictOf(undefined)}
        now={NOW}
      />
      <SessionRowView
        sessionKey="agent:main:main"
        label="Disconnected"
        heartbeat={COMBINATIONS.streaming}
        verdict={verdictOf(COMBINATIONS.streaming, false)}
        now={NOW}
        locale="en"
      />
    </>
  ),
  play: async ({ canvasElement }) => {
    const rows = within(canvasElement).getAllByRole('listitem');
    await expect(rows.map((row) => row.dataset.health)).toEqual([
      'idle',
      'waiting',
      'stalled',
      'active',
      'stalled',
      'active',
      'stalled',
      'waiting',
      'idle',
      'unknown',
      'unresponsive',
      'unknown',
      'unknown',
    ]);
    await expect(rows[10]).toHaveTextContent('No heartbeat · was streaming the answer');
    await expect(rows[11]).toHaveTextContent('No heartbeat yet');
  },
};

export const EveryStateAndHealthDark: Story = {
  ...EveryStateAndHealth,
  globals: { theme: 'dark' },
};

export const Selected: Story = {
  args: { selected: true, tabbable: true, label: 'Research' },
  play: async ({ canvasElement }) => {
    const row = within(canvasElement).getByRole('listitem');
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(row).toHaveAttribute('data-selected', 'true');
    await expect(row).toHaveAttribute('tabindex', '0');
  },
};

/**
 * `data-seq` is the `seq` of the heartbeat the row shows (the benchmark times
 * a heartbeat from its arrival until a row carries its seq); a row with no
 * heartbeat has none.
 */
export const CarriesTheSeqItShows: Story = {
  render: (args) => (
    <>
      <SessionRowView {...args} />
      <SessionRowView
        sessionKey="agent:new:main"
        heartbeat={undefined}
        verdict={verdictOf(undefined)}
        now={NOW}
      />
    </>
  ),
  play: async ({ canvasElement, args }) => {
    const [withHeartbeat, without] = within(canvasElement).getAllByRole('listitem');
    await expect(withHeartbeat).toHaveAttribute('data-seq', String(args.heartbeat?.seq));
    await expect(without).not.toHaveAttribute('data-seq');
  },
};

export const WithTooltip: Story = {
  args: {
    tabbable: true,
    tooltip: (
      <SessionDetails
        sessionKey={COMBINATIONS.awaitingModelStalled.sessionKey}
        heartbeat={COMBINATIONS.awaitingModelStalled}
        verdict={verdictOf(COMBINATIONS.awaitingModelStalled)}
        serverNow={NOW}
        locale="en"
      />
    ),
  },
  /** Hovering the row's dot shows its details: the stall reason in words. */
  play: async ({ canvasElement }) => {
    await userEvent.hover(within(canvasElement).getByRole('button', { name: 'Stalled' }));
    await expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'No first token for 42 s — limit 30 s',
    );
  },
};

const PHASES: readonly RestartPhase[] = ['idle', 'confirming', 'pending', 'done', 'error'];

/** The restart action in each of its phases. */
export const RestartPhases: Story = {
  render: (args) => (
    <>
      {PHASES.map((phase) => (
        <SessionRowView
          key={phase}
          {...args}
          label={`Phase: ${phase}`}
          action={
            <RestartActionView
              sessionKey={args.sessionKey}
              phase={phase}
              errorMessage="Gateway timed out"
              onRequest={fn()}
              onConfirm={fn()}
              onCancel={fn()}
            />
          }
        />
      ))}
    </>
  ),
  play: async ({ canvasElement }) => {
    const groups = within(canvasElement).getAllByRole('group', { name: /^Restart / });
    await expect(groups.map((group) => group.textContent)).toEqual([
      'Restart',
      'CancelConfirm',
      'Restarting…',
      'Requested',
      'Restart failedRetry',
    ]);
  },
};
