import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, within } from 'storybook/test';
import { ConnectionBanner } from '../connection-banner/connection-banner';
import { HealthCounts } from '../health-counts/health-counts';
import { SessionDetails } from '../session-tooltip/session-details';
import { LiveScenario } from '../story-fixtures/live-scenario';
import { SessionList } from './session-list';

/**
 * On live data: the mock server's scenarios, run in the page by the same
 * emitter. Rows move as sessions work, wait, stall and crash; hover the list
 * to hold the order. Their play functions check only what stays true.
 */
const meta = {
  title: 'Components/SessionList/Live',
  component: SessionList,
  // One docs page for the list: Components/SessionList.
  tags: ['!autodocs'],
  args: { height: 15 * 44 },
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Demo: Story = {
  render: (args) => (
    <LiveScenario scenario="demo">
      <SessionList {...args} />
    </LiveScenario>
  ),
  play: async ({ canvasElement }) => {
    const list = within(canvasElement).getByRole('list', { name: 'Sessions' });
    await expect(await within(list).findAllByRole('listitem')).toHaveLength(15);
  },
};

export const DemoDark: Story = {
  ...Demo,
  globals: { theme: 'dark' },
};

/** 10,000 sessions making 500 transitions a second. */
export const TenThousandLive: Story = {
  args: { height: 560 },
  render: (args) => (
    <LiveScenario scenario="load" sessions={10_000} rate={500}>
      <SessionList {...args} />
    </LiveScenario>
  ),
  play: async ({ canvasElement }) => {
    const rows = await within(canvasElement).findAllByRole('listitem');
    await expect(rows.length).toBeLessThan(40);
  },
};

function Dashboard() {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="shb-story-dashboard">
      <header className="shb-story-dashboard__header">
        <h1>Sessions</h1>
        <HealthCounts />
      </header>
      <ConnectionBanner />
      <div className="shb-story-dashboard__body">
        <SessionList selectedKey={selected} onSelect={setSelected} height={12 * 44} />
        <aside className="shb-story-dashboard__panel" aria-label="Selected session">
          {selected === null ? (
            <p>Select a session (click, or Enter on a row) to see its details.</p>
          ) : (
            <SessionDetails sessionKey={selected} />
          )}
        </aside>
      </div>
    </div>
  );
}

/** The pieces together, as the demo app composes them: header counts, banner, list, details. */
export const DashboardComposition: Story = {
  parameters: { layout: 'fullscreen' },
  render: () => (
    <LiveScenario scenario="demo">
      <Dashboard />
    </LiveScenario>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('heading', { name: 'Sessions' })).toBeVisible();
  },
};
