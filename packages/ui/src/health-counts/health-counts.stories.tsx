import type { SessionHealth } from '@session-heartbeat/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import type { SessionFilter } from '@session-heartbeat/react';
import { HealthCounts } from './health-counts';

const COUNTS: Record<SessionHealth, number> = {
  unresponsive: 1,
  stalled: 2,
  waiting: 3,
  active: 5,
  idle: 14,
  unknown: 0,
};

const meta = {
  title: 'Components/HealthCounts',
  component: HealthCounts,
  args: { counts: COUNTS },
} satisfies Meta<typeof HealthCounts>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Plain text: a header summary. */
export const Summary: Story = {
  play: async ({ canvasElement }) => {
    const group = within(canvasElement).getByRole('group', { name: 'Sessions by health' });
    await expect(group).toHaveTextContent('2stalled');
    await expect(within(group).queryAllByRole('button')).toHaveLength(0);
  },
};

function Filtering() {
  const [filter, setFilter] = useState<SessionFilter>('all');
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <HealthCounts counts={COUNTS} filter={filter} onFilterChange={setFilter} />
      <output>Filter: {filter}</output>
    </div>
  );
}

/** Entries filter when clicked; clicking the pressed one shows all again. */
export const AsFilter: Story = {
  render: () => <Filtering />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const stalled = canvas.getByRole('button', { name: '2 stalled' });
    await expect(stalled).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(stalled);
    await expect(stalled).toHaveAttribute('aria-pressed', 'true');
    await expect(canvas.getByText('Filter: stalled')).toBeVisible();
    await userEvent.click(stalled);
    await expect(canvas.getByText('Filter: all')).toBeVisible();
  },
};

export const AsFilterDark: Story = {
  render: () => <Filtering />,
  globals: { theme: 'dark' },
};

/** Approval waits have their own entry ("2 need approval"), left out of the other waits, and filter. */
export const NeedsApproval: Story = {
  args: { approvals: 2, onFilterChange: fn() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const approvals = canvas.getByRole('button', { name: '2 need approval' });
    await expect(canvas.getByRole('button', { name: '1 waiting' })).toBeVisible();
    await userEvent.click(approvals);
    await expect(args.onFilterChange).toHaveBeenCalledWith('needs_approval');
  },
};

/** Fleet: an unreachable gateway is one entry, and its sessions are not counted as unknown. */
export const SourceUnreachable: Story = {
  args: {
    counts: { ...COUNTS, unknown: 1003 },
    outage: { sources: ['gw-2'], sessions: 1000 },
  },
  play: async ({ canvasElement }) => {
    const group = within(canvasElement).getByRole('group', { name: 'Sessions by health' });
    await expect(group).toHaveTextContent('3unknown');
    await expect(group).toHaveTextContent('1 source unreachable (1,000 sessions)');
  },
};
