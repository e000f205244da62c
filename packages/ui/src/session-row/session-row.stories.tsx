import type { HealthVerdict } from '@session-heartbeat/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ComponentType } from 'react';
import { expect, fn, screen, userEvent, within } from 'storybook/test';
import { SessionDetails } from '../session-tooltip/session-details';
import { COMBINATIONS, NOW, verdictOf } from '../story-fixtures/fixtures';
import type { ActionPhase } from './action-phase';
import { SessionActions } from './session-actions';
import { SessionRow, type SessionRowProps } from './session-row';

/** The row with plain props (the connected one is the list's: see Components/SessionList). */
type PlainRowProps = Extract<SessionRowProps, { verdict: HealthVerdict }>;
const PlainRow: ComponentType<PlainRowProps> = SessionRow;

const meta = {
  title: 'Components/SessionRow',
  component: PlainRow,
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
} satisfies Meta<typeof PlainRow>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One row per (state, health) pair, with plain props. */
export const EveryStateAndHealth: Story = {
  render: () => (
    <>
      {Object.values(COMBINATIONS).map((heartbeat) => (
        <SessionRow
          key={heartbeat.sessionKey}
          sessionKey={heartbeat.sessionKey}
          heartbeat={heartbeat}
          verdict={verdictOf(heartbeat)}
          now={NOW}
          locale="en"
        />
      ))}
      <SessionRow
        sessionKey="agent:new:main"
        heartbeat={undefined}
        verdict={verdictOf(undefined)}
        now={NOW}
      />
      <SessionRow
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
      'active', // a long tool that reports progress
      'stalled', // the same tool with the same input, 6×
      'stalled', // a turn past its limit
      'unknown',
      'unknown',
    ]);
    await expect(rows[10]).toHaveTextContent('No heartbeat · was streaming the answer');
    await expect(rows[14]).toHaveTextContent('No heartbeat yet');
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
      <SessionRow {...args} />
      <SessionRow
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
      'No first token for 42s — limit 30s',
    );
  },
};

const PHASES: readonly ActionPhase[] = ['idle', 'confirming', 'pending', 'done', 'error'];

/** The recovery ladder in the row, with its restart rung in each of its phases. */
export const ActionPhases: Story = {
  render: (args) => (
    <>
      {PHASES.map((phase) => (
        <SessionRow
          key={phase}
          {...args}
          label={`Phase: ${phase}`}
          action={
            <SessionActions
              sessionKey={args.sessionKey}
              rungs={[
                { action: 'nudge', phase: 'done' },
                { action: 'restart', phase, errorMessage: 'Gateway timed out' },
              ]}
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
    const groups = within(canvasElement).getAllByRole('group', { name: /^Recover / });
    // The question and the error name the session; in a row the question is read, not shown.
    await expect(groups.map((group) => group.textContent)).toEqual([
      'NudgedRestart',
      'Restart agent:research:main? What it is doing is dropped, and it comes back idle.CancelConfirm',
      'NudgedRestarting…',
      'NudgedRequested',
      'Restart failed for agent:research:main: Gateway timed outNudgedRetry',
    ]);
  },
};
