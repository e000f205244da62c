import type { ReceivedHeartbeat } from '@session-heartbeat/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, screen, userEvent, waitFor, within } from 'storybook/test';
import { HEALTH_LABELS } from '../format/describe-session';
import { StatusDot } from '../status-dot/status-dot';
import {
  COMBINATIONS,
  historyEndingIn,
  NOW,
  SECOND,
  verdictOf,
  type CombinationName,
} from '../story-fixtures/fixtures';
import { twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { SessionDetails } from './session-details';
import { SessionTooltip } from './session-tooltip';
import { SessionTooltipProvider } from './session-tooltip-provider';

interface TooltipStoryArgs {
  combination: CombinationName | 'noHeartbeat' | 'disconnected';
  open?: boolean;
}

function resolve(combination: TooltipStoryArgs['combination']) {
  if (combination === 'noHeartbeat') {
    return { key: 'agent:new:main', heartbeat: undefined, verdict: verdictOf(undefined) };
  }
  if (combination === 'disconnected') {
    const heartbeat: ReceivedHeartbeat = COMBINATIONS.streaming;
    return { key: heartbeat.sessionKey, heartbeat, verdict: verdictOf(heartbeat, false) };
  }
  const heartbeat: ReceivedHeartbeat = COMBINATIONS[combination];
  return { key: heartbeat.sessionKey, heartbeat, verdict: verdictOf(heartbeat) };
}

function TooltipStory({ combination, open }: TooltipStoryArgs) {
  const { key, heartbeat, verdict } = resolve(combination);
  const stalledFor =
    verdict.health === 'stalled' && verdict.forMs !== undefined && verdict.thresholdMs !== undefined
      ? verdict.forMs - verdict.thresholdMs
      : undefined;
  const history = heartbeat
    ? historyEndingIn(heartbeat.state, NOW - heartbeat.stateSince, heartbeat.toolName, stalledFor)
    : undefined;
  return (
    <div className="shb-story-stage">
      <SessionTooltip
        defaultOpen={open}
        side="bottom"
        content={
          <SessionDetails
            sessionKey={key}
            heartbeat={heartbeat}
            verdict={verdict}
            serverNow={NOW}
            history={history}
            locale="en"
          />
        }
      >
        <button type="button" className="shb-story-trigger">
          <StatusDot health={verdict.health} size="sm" />
          <span className="shb-mono">{key}</span>
        </button>
      </SessionTooltip>
    </div>
  );
}

const meta = {
  title: 'Components/SessionTooltip',
  component: TooltipStory,
  subcomponents: {
    SessionTooltip,
    SessionTooltipProvider,
    SessionDetails,
  },
  args: { open: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof TooltipStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Asserts the open tooltip reads `health` and every expected phrase. */
function expectTooltip(health: keyof typeof HEALTH_LABELS, ...phrases: string[]): Story['play'] {
  return async () => {
    const tooltip = await screen.findByRole('tooltip');
    await expect(tooltip).toHaveTextContent(HEALTH_LABELS[health]);
    for (const phrase of phrases) await expect(tooltip).toHaveTextContent(phrase);
  };
}

export const Idle: Story = {
  args: { combination: 'idle' },
  play: expectTooltip('idle', 'Idle', 'In this state4m', 'anthropic/claude-sonnet-4-5'),
};

export const WaitingForModel: Story = {
  args: { combination: 'awaitingModel' },
  play: expectTooltip('waiting', 'Waiting for the model', 'Turn started20s ago', 'openai/gpt-5'),
};

export const StalledNoFirstToken: Story = {
  args: { combination: 'awaitingModelStalled' },
  play: expectTooltip(
    'stalled',
    'Waiting for the model',
    'No first token for 42s — limit 30s',
    'Turn started1m ago',
  ),
};

export const StreamingActive: Story = {
  args: { combination: 'streaming' },
  play: expectTooltip('active', 'Streaming the answer', 'Last activitynow'),
};

export const StalledNoToken: Story = {
  args: { combination: 'streamingStalled' },
  play: expectTooltip('stalled', 'Streaming the answer', 'No token for 35s — limit 30s'),
};

export const RunningTool: Story = {
  args: { combination: 'toolExec' },
  play: expectTooltip('active', 'Running tool browser', 'Toolbrowser', 'In this state9s'),
};

export const StalledTool: Story = {
  args: { combination: 'toolExecStalled' },
  play: expectTooltip('stalled', 'Running tool exec', 'No output from exec for 1m 5s — limit 30s'),
};

export const WaitingOnApproval: Story = {
  args: { combination: 'toolWait' },
  play: expectTooltip('waiting', 'Waiting on tool browser (approval)', 'In this state3m'),
};

/** "In this state" says when it ended; a "Last activity" that only repeated it is left out. */
export const TurnComplete: Story = {
  args: { combination: 'complete' },
  play: async (context) => {
    await expectTooltip('idle', 'Turn complete', 'In this state25s')?.(context);
    await expect(await screen.findByRole('tooltip')).not.toHaveTextContent('Last activity');
  },
};

export const UnknownState: Story = {
  args: { combination: 'unknownState' },
  play: expectTooltip('unknown', 'Unknown state “compacting”'),
};

export const Unresponsive: Story = {
  args: { combination: 'unresponsive' },
  play: expectTooltip('unresponsive', 'No heartbeat for 18s — limit 15s'),
};

export const Disconnected: Story = {
  args: { combination: 'disconnected' },
  play: expectTooltip('unknown', "Connection lost — we can't see this session right now"),
};

export const NoHeartbeatYet: Story = {
  args: { combination: 'noHeartbeat' },
  play: expectTooltip('unknown', 'No heartbeat received yet'),
};

/** v1.1: a three-minute tool that reports progress stays active, and says what it is doing. */
export const LongToolWithProgress: Story = {
  args: { combination: 'toolProgressing' },
  play: expectTooltip('active', 'Running tool exec', 'npm test: 42/120 passed', 'In this state3m'),
};

/** v1.1: the same tool with the same input, again and again (`tool_loop`). */
export const ToolLoop: Story = {
  args: { combination: 'toolLoop' },
  play: expectTooltip('stalled', 'read called 6× in a row with the same input (a loop at 5)'),
};

/** v1.1: a turn past `turnMaxMs` that still streams (`turn_overdue`). */
export const TurnOverdue: Story = {
  args: { combination: 'turnOverdue' },
  play: expectTooltip(
    'stalled',
    'Turn running 22m, still working — limit 15m',
    'Drafting section 4 of 9',
  ),
};

export const StalledDark: Story = {
  args: { combination: 'toolExecStalled' },
  globals: { theme: 'dark' },
  play: expectTooltip('stalled', 'No output from exec for 1m 5s — limit 30s'),
};

/** Hover opens it (after the provider's delay), Escape closes it. */
export const OpensOnHover: Story = {
  args: { combination: 'awaitingModelStalled', open: false },
  play: async ({ canvasElement }) => {
    const trigger = within(canvasElement).getByRole('button');
    await expect(screen.queryByRole('tooltip')).toBeNull();
    await userEvent.hover(trigger);
    const tooltip = await screen.findByRole('tooltip');
    await expect(tooltip).toHaveTextContent('No first token for 42s — limit 30s');
    await expect(trigger).toHaveAttribute('aria-describedby', tooltip.id);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
  },
};

/** Keyboard focus opens it at once; Escape closes it and focus stays put. */
export const OpensOnFocus: Story = {
  args: { combination: 'toolExecStalled', open: false },
  play: async ({ canvasElement }) => {
    const trigger = within(canvasElement).getByRole('button');
    await userEvent.tab();
    await expect(trigger).toHaveFocus();
    const tooltip = await screen.findByRole('tooltip');
    await expect(tooltip).toHaveTextContent('Running tool exec');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
    await expect(trigger).toHaveFocus();
  },
};

/** `sessionKey` instead of content: the details follow the store and tick with the shared clock. */
export const ForASessionKey: Story = {
  args: { combination: 'idle' },
  loaders: [loadWorld({ script: twelveSessions })],
  decorators: [withWorld],
  render: () => (
    <div className="shb-story-stage">
      <SessionTooltip sessionKey="agent:coder:cron:nightly" side="bottom">
        <button type="button" className="shb-story-trigger">
          <StatusDot sessionKey="agent:coder:cron:nightly" size="sm" />
          <span className="shb-mono">agent:coder:cron:nightly</span>
        </button>
      </SessionTooltip>
    </div>
  ),
  play: async ({ canvasElement, loaded }) => {
    // The first snapshot reaches the store in a task of its own: wait for it.
    await waitFor(() =>
      expect(within(canvasElement).getByRole('img')).toHaveAttribute('data-health', 'stalled'),
    );
    await userEvent.tab();
    await expect(within(canvasElement).getByRole('button')).toHaveFocus();
    const tooltip = await screen.findByRole('tooltip');
    await expect(tooltip).toHaveTextContent('No output from exec for 1m 5s — limit 30s');
    worldOf({ loaded }).clock.advance(5 * SECOND);
    await waitFor(() =>
      expect(screen.getByRole('tooltip')).toHaveTextContent(
        'No output from exec for 1m 10s — limit 30s',
      ),
    );
    await expect(screen.getByRole('tooltip')).toHaveTextContent('In this state1m 10s');
  },
};

/** Portalled into a dark panel's subtree or not, the tooltip takes its trigger's theme. */
export const FollowsTriggerTheme: Story = {
  args: { combination: 'toolWait', open: false },
  render: (args) => (
    <div data-theme="dark" style={{ background: 'var(--shb-bg)', color: 'var(--shb-text)' }}>
      <TooltipStory {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await userEvent.hover(within(canvasElement).getByRole('button'));
    const tooltip = await screen.findByRole('tooltip');
    await expect(tooltip.closest('[data-theme]')).toHaveAttribute('data-theme', 'dark');
  },
};
