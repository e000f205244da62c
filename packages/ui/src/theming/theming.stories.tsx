import { SESSION_HEALTHS } from '@session-heartbeat/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties, ReactNode } from 'react';
import { expect, within } from 'storybook/test';
import { ConnectionBanner } from '../connection-banner/connection-banner';
import { HealthCounts } from '../health-counts/health-counts';
import { SessionRow } from '../session-row/session-row';
import { StatusDot } from '../status-dot/status-dot';
import { COMBINATIONS, NOW, verdictOf } from '../story-fixtures/fixtures';

/**
 * One stylesheet (`@session-heartbeat/ui/styles.css`), custom properties only,
 * no runtime: light by default, dark under `prefers-color-scheme: dark`, and
 * `data-theme="light|dark"` on any ancestor wins for its subtree.
 */
const meta = {
  title: 'Theming',
  parameters: { layout: 'fullscreen' },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

const COUNTS = { unresponsive: 1, stalled: 2, waiting: 3, active: 5, idle: 9, unknown: 0 };

function Sample({ title }: { title: string }) {
  return (
    <section style={{ display: 'grid', gap: 12 }}>
      <h2 style={{ margin: 0, fontSize: 14 }}>{title}</h2>
      <div style={{ display: 'flex', gap: 12 }}>
        {SESSION_HEALTHS.map((health) => (
          <StatusDot key={health} health={health} size="lg" />
        ))}
      </div>
      <HealthCounts counts={COUNTS} />
      <ConnectionBanner
        status={{
          kind: 'reconnecting',
          since: NOW,
          attempt: 1,
          nextRetryAt: NOW + 3000,
          reason: '',
        }}
        serverNow={NOW}
      />
      <div role="list" aria-label={`Sessions, ${title}`} className="shb-list">
        <SessionRow
          sessionKey={COMBINATIONS.toolExecStalled.sessionKey}
          label="Nightly build"
          heartbeat={COMBINATIONS.toolExecStalled}
          verdict={verdictOf(COMBINATIONS.toolExecStalled)}
          now={NOW}
          locale="en"
        />
        <SessionRow
          sessionKey={COMBINATIONS.streaming.sessionKey}
          heartbeat={COMBINATIONS.streaming}
          verdict={verdictOf(COMBINATIONS.streaming)}
          now={NOW}
          locale="en"
          selected
        />
      </div>
    </section>
  );
}

function Panel({
  theme,
  style,
  children,
}: {
  theme?: 'light' | 'dark';
  style?: CSSProperties;
  children: ReactNode;
}) {
  return (
    <div
      data-theme={theme}
      style={{
        padding: 24,
        background: 'var(--shb-bg-subtle)',
        color: 'var(--shb-text)',
        ...style,
      }}
    >
      {children}
    </div>
  );
}

/** `data-theme` on a wrapper themes its subtree, whatever the page's theme. */
export const NestedThemes: Story = {
  render: () => (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr' }}>
      <Panel theme="light">
        <Sample title="data-theme=light" />
      </Panel>
      <Panel theme="dark">
        <Sample title="data-theme=dark" />
      </Panel>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const lists = within(canvasElement).getAllByRole('list');
    const background = (element: Element) => getComputedStyle(element).backgroundColor;
    await expect(background(lists[0] as Element)).not.toBe(background(lists[1] as Element));
  },
};

/**
 * Any `--shb-*` property can be overridden, e.g. to match a host's accent and
 * radius (here in a light subtree; a host overrides each theme it ships).
 */
export const CustomProperties: Story = {
  render: () => (
    <Panel
      theme="light"
      style={
        {
          '--shb-accent': '#0f766e',
          '--shb-bg-selected': '#ecfdf5',
          '--shb-focus-ring': '#0f766e',
          '--shb-radius': '4px',
          '--shb-font-sans': 'Georgia, serif',
        } as CSSProperties
      }
    >
      <Sample title="Host overrides" />
    </Panel>
  ),
};
