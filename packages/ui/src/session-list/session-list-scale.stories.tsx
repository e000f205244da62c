import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { getLabel, manySessions, twelveSessions } from '../story-fixtures/twelve-sessions';
import { loadWorld, withWorld } from '../story-fixtures/with-world';
import { SessionList } from './session-list';

const meta = {
  title: 'Components/SessionList/Search and scale',
  component: SessionList,
  args: { getLabel, height: 14 * 44, locale: 'en' },
  loaders: [loadWorld({ script: twelveSessions })],
  decorators: [withWorld],
} satisfies Meta<typeof SessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowsOf = (canvasElement: HTMLElement) =>
  within(canvasElement)
    .queryAllByRole('listitem')
    .filter((item) => item.dataset.sessionKey !== undefined);
const headersOf = (canvasElement: HTMLElement) =>
  within(canvasElement)
    .queryAllByRole('listitem')
    .filter((item) => item.dataset.group !== undefined);
const keysOf = (canvasElement: HTMLElement) =>
  rowsOf(canvasElement).map((row) => row.dataset.sessionKey);

/** A search finds sessions by model or label, marks the match, and says "N of M". */
export const SearchByModelAndLabel: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    await expect(canvas.getByText('12 sessions')).toBeVisible();
    const search = canvas.getByRole('searchbox', { name: 'Search sessions' });
    await userEvent.type(search, 'gpt-5');
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(4));
    await expect(canvas.getByText('4 of 12')).toBeVisible();
    for (const row of rowsOf(canvasElement)) {
      await expect(row.querySelector('.shb-row__model mark')).toHaveTextContent('gpt-5');
    }
    await userEvent.clear(search);
    await userEvent.type(search, 'nightly');
    await waitFor(() => expect(keysOf(canvasElement)).toEqual(['agent:coder:cron:nightly']));
    await expect(canvas.getByText('1 of 12')).toBeVisible();
    const row = rowsOf(canvasElement)[0] as HTMLElement;
    await expect(row.querySelector('.shb-row__label mark')).toHaveTextContent('Nightly');
    // State words: "waiting for the model".
    await userEvent.clear(search);
    await userEvent.type(search, 'for the model');
    await waitFor(() => expect(rowsOf(canvasElement).length).toBeGreaterThan(0));
    for (const each of rowsOf(canvasElement)) {
      await expect(each.querySelector('.shb-row__state mark')).toHaveTextContent('for the model');
    }
  },
};

/** Column headers sort, reverse on a second click, and say so with `aria-sort`. */
export const SortableColumns: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    const state = canvas.getByRole('columnheader', { name: 'State' });
    await expect(state).toHaveAttribute('aria-sort', 'descending');
    await expect(rowsOf(canvasElement)[0]).toHaveAttribute('data-health', 'unresponsive');

    await userEvent.click(canvas.getByRole('button', { name: 'Session' }));
    const session = canvas.getByRole('columnheader', { name: 'Session' });
    await expect(session).toHaveAttribute('aria-sort', 'ascending');
    await expect(state).not.toHaveAttribute('aria-sort');
    const ascending = keysOf(canvasElement);
    await expect(ascending).toEqual([...ascending].sort());

    await userEvent.click(canvas.getByRole('button', { name: 'Session' }));
    await expect(session).toHaveAttribute('aria-sort', 'descending');
    await waitFor(() => expect(keysOf(canvasElement)).toEqual([...ascending].reverse()));

    // The most urgent last, when State is reversed.
    await userEvent.click(canvas.getByRole('button', { name: 'State' }));
    await userEvent.click(canvas.getByRole('button', { name: 'State' }));
    await expect(state).toHaveAttribute('aria-sort', 'ascending');
    await waitFor(() =>
      expect(rowsOf(canvasElement).at(-1)).toHaveAttribute('data-health', 'unresponsive'),
    );
  },
};

/**
 * Grouped by agent: a header per agent with its own counts, which collapses
 * with Enter or Space; arrows move across rows and headers alike.
 */
export const GroupedByAgent: Story = {
  args: { defaultGroupBy: 'agent' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    const groups = headersOf(canvasElement);
    // Agents in order of their most urgent session: ops (unresponsive) first.
    await expect(groups[0]).toHaveAttribute('data-group', '=ops');
    await expect(groups.map((group) => group.dataset.group).sort()).toEqual([
      '=coder',
      '=main',
      '=ops',
      '=research',
      '=triage',
      '=writer',
    ]);
    const ops = groups[0] as HTMLElement;
    await expect(ops).toHaveTextContent('Agent: ops3 sessions');
    await expect(ops).toHaveTextContent('1unresponsive');

    // Keyboard: the first tab stop is the first header; down goes to its first row.
    const toggle = within(ops).getByRole('button', { name: /Agent: ops/ });
    toggle.focus();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await userEvent.keyboard('{ArrowDown}');
    await expect(document.activeElement).toHaveAttribute('data-session-key', 'agent:ops:main');
    await userEvent.keyboard('{ArrowUp}');
    await expect(document.activeElement).toBe(toggle);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(9));
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    // Collapsed, the header still counts its sessions.
    await expect(headersOf(canvasElement)[0]).toHaveTextContent('3 sessions');
    await userEvent.keyboard(' ');
    await waitFor(() => expect(rowsOf(canvasElement)).toHaveLength(12));
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Group' }), 'model');
    await waitFor(() =>
      expect(headersOf(canvasElement).map((group) => group.dataset.group)).toContain(
        '=openai/gpt-5',
      ),
    );
    await expect(headersOf(canvasElement)[0]).toHaveTextContent('Model: openai/gpt-5');
  },
};

/** 10,000 sessions grouped by channel: headers are virtual items too, and a search narrows them. */
export const GroupedTenThousand: Story = {
  args: { defaultGroupBy: 'channel', height: 480, getLabel: undefined },
  loaders: [loadWorld({ script: manySessions(10_000) })],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(headersOf(canvasElement).length).toBeGreaterThan(0));
    await expect(within(canvasElement).queryAllByRole('listitem').length).toBeLessThan(40);
    // The toolbar's count (a group of all 10,000 says the same in its header).
    // (A 10,000-session snapshot goes in over a few frames: wait for the last.)
    const shown = canvasElement.querySelector('.shb-list-toolbar__shown');
    await waitFor(() => expect(shown).toHaveTextContent('10,000 sessions'));
    await expect(shown).toBeVisible();
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search sessions' }), 'load-99');
    await waitFor(() => expect(canvas.getByText('100 of 10,000')).toBeVisible());
  },
};
