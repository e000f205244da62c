import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { NOW } from '../story-fixtures/fixtures';
import { getLabel, twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld, worldOf } from '../story-fixtures/with-world';
import { SessionList } from './session-list';

/** The ops agents run on their own gateway. */
const sourceOf = (sessionKey: string): string => (sessionKey.includes(':ops:') ? 'gw-2' : 'gw-1');

const meta = {
  title: 'Components/SessionList/Fleet',
  component: SessionList,
  args: { height: 12 * 44, locale: 'en', getLabel: (key: string) => getLabel(key.slice(5)) },
  loaders: [loadWorld({ script: twelveSessions, sourceOf })],
  decorators: [withWorld],
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowsOf = (canvasElement: HTMLElement) => within(canvasElement).queryAllByRole('listitem');

/** Sessions of several gateways: a Source column, and a filter by source. */
export const SourceColumnAndFilter: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    await expect(canvas.getByRole('columnheader', { name: 'Source' })).toBeVisible();
    const ops = canvasElement.querySelector('[data-session-key="gw-2/agent:ops:main"]');
    await expect(ops?.querySelector('.shb-row__source')).toHaveTextContent('source gw-2');

    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Source' }), 'gw-2');
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(3));
    for (const row of rowsOf(canvasElement)) {
      await expect(row.dataset.sessionKey).toMatch(/^gw-2\//);
    }
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Source' }), '');
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
  },
};

/**
 * A gateway goes away: the counts bar counts it once ("1 source unreachable
 * (3 sessions)") instead of three unknowns, and the live region says it once.
 */
export const SourceUnreachableCountedOnce: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { fleet } = worldOf({ loaded });
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    await expect(canvas.getByRole('button', { name: '0 unknown' })).toBeVisible();

    fleet?.setReachable('gw-2', false, NOW);
    const counts = canvas.getByRole('group', { name: 'Filter by health' });
    await waitFor(() => expect(counts).toHaveTextContent('1 source unreachable (3 sessions)'));
    await expect(canvas.getByRole('button', { name: '0 unknown' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: '0 unresponsive' })).toBeVisible();
    await waitFor(() =>
      expect(canvasElement.querySelector('[aria-live="polite"]')).toHaveTextContent(
        '1 source unreachable (3 sessions): gw-2.',
      ),
    );
    const unknownRows = rowsOf(canvasElement).filter((row) => row.dataset.health === 'unknown');
    await expect(unknownRows).toHaveLength(3);
  },
};

/** No fleet: no Source column, no source filter. */
export const SingleGateway: Story = {
  loaders: [loadWorld({ script: twelveSessions })],
  args: { getLabel },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    await expect(canvas.queryByRole('combobox', { name: 'Source' })).toBeNull();
    await expect(canvasElement.querySelector('.shb-row__source')).toBeNull();
  },
};
