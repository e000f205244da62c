import type { ReceivedHeartbeat } from '@session-heartbeat/core';
import { createHeartbeatClient } from '@session-heartbeat/client';
import {
  createManualSource,
  createTestEnvironment,
  makeReceivedHeartbeat,
} from '@session-heartbeat/client/test-utils';
import { act, render, screen } from '@testing-library/react';
import { memo } from 'react';
import { describe, expect, it } from 'vitest';
import { HeartbeatProvider } from './heartbeat-provider';
import { useSessionHealth } from './use-session-health';
import { useSessionHeartbeat } from './use-session-heartbeat';
import { useSessionKeys } from './use-session-keys';

/** zustand's technique: every component counts its renders. */
const renders = new Map<string, number>();
const count = (name: string) => renders.set(name, (renders.get(name) ?? 0) + 1);

/** A row subscribes to its own session; `memo` keeps a re-rendered list from re-rendering rows. */
const Row = memo(function Row({ sessionKey }: { sessionKey: string }) {
  count(sessionKey);
  const heartbeat = useSessionHeartbeat(sessionKey);
  const { health } = useSessionHealth(sessionKey);
  return (
    <li data-testid={sessionKey} data-health={health} data-state={heartbeat?.state}>
      {sessionKey}
    </li>
  );
});

function List() {
  count('list');
  const keys = useSessionKeys({ sortBy: 'severity' });
  return (
    <ul>
      {keys.map((key) => (
        <Row key={key} sessionKey={key} />
      ))}
    </ul>
  );
}

const SESSIONS = 200;

function setup() {
  renders.clear();
  const source = createManualSource();
  const environment = createTestEnvironment();
  const client = createHeartbeatClient({ source, environment });
  render(
    <HeartbeatProvider client={client}>
      <List />
    </HeartbeatProvider>,
  );
  const start = Date.now();
  const beat = (index: number, seq: number, fields: Partial<ReceivedHeartbeat> = {}) =>
    makeReceivedHeartbeat({
      sessionKey: `agent:${index}`,
      seq,
      at: start - index,
      emittedAt: Date.now(),
      ...fields,
    });
  act(() => {
    source.snapshot(Array.from({ length: SESSIONS }, (_, index) => beat(index, 1)));
    client.flush();
  });
  const push = (...heartbeats: ReceivedHeartbeat[]) =>
    act(() => {
      source.heartbeats(...heartbeats);
      client.flush();
    });
  return { beat, push, client, environment };
}

function delta(before: Map<string, number>): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const [name, value] of renders) {
    const diff = value - (before.get(name) ?? 0);
    if (diff > 0) changed[name] = diff;
  }
  return changed;
}

describe('render counts', () => {
  it('one heartbeat re-renders one row, and not the list', () => {
    const { beat, push } = setup();
    expect(screen.getAllByRole('listitem')).toHaveLength(SESSIONS);
    const before = new Map(renders);
    push(beat(7, 2)); // a periodic beat: same state, same place in the order
    const changed = delta(before);
    console.log(`[render counts] one periodic heartbeat among ${SESSIONS} rows:`, changed);
    expect(changed).toEqual({ 'agent:7': 1 });
  });

  it('a heartbeat that moves a row re-renders that row and the list once', () => {
    const { beat, push } = setup();
    const before = new Map(renders);
    push(beat(150, 2, { state: 'awaiting_model' })); // waiting sorts above idle
    const changed = delta(before);
    console.log(`[render counts] one heartbeat that reorders the list:`, changed);
    expect(changed).toEqual({ list: 1, 'agent:150': 1 });
    expect(screen.getAllByRole('listitem')[0]).toHaveAttribute('data-testid', 'agent:150');
    expect(screen.getByTestId('agent:150')).toHaveAttribute('data-health', 'waiting');
  });

  it('a frame of 50 heartbeats re-renders those 50 rows, once each', () => {
    const { beat, push } = setup();
    const before = new Map(renders);
    push(...Array.from({ length: 50 }, (_, index) => beat(index * 4, 2)));
    const changed = delta(before);
    expect(Object.keys(changed)).toHaveLength(50);
    expect(Object.values(changed).every((renderCount) => renderCount === 1)).toBe(true);
    expect(changed.list).toBeUndefined();
  });

  it('a hidden page renders nothing, and renders what changed once when it is shown', () => {
    const { beat, push, client, environment } = setup();
    act(() => environment.setHidden(true));
    const before = new Map(renders);
    push(beat(150, 2, { state: 'awaiting_model' }));
    push(beat(7, 2), beat(8, 2));
    push(
      beat(150, 3, { state: 'awaiting_model' }),
      beat(9, 2, { state: 'tool_exec', toolName: 'exec' }),
    );
    expect(delta(before)).toEqual({});
    // The store has it all (the page's title and alerts read it there).
    expect(client.store.getState().sessions.get('agent:150')?.health).toBe('waiting');
    expect(screen.getByTestId('agent:150')).toHaveAttribute('data-health', 'idle');

    act(() => environment.setHidden(false));
    const changed = delta(before);
    console.log('[render counts] three frames while hidden, then shown:', changed);
    expect(changed).toEqual({ list: 1, 'agent:150': 1, 'agent:7': 1, 'agent:8': 1, 'agent:9': 1 });
    expect(screen.getAllByRole('listitem')[0]).toHaveAttribute('data-testid', 'agent:150');
    expect(screen.getByTestId('agent:150')).toHaveAttribute('data-health', 'waiting');
    expect(screen.getByTestId('agent:9')).toHaveAttribute('data-health', 'active');
  });
});
