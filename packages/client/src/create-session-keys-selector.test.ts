import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReceivedHeartbeat } from '@session-heartbeat/core';
import { createManualSource, createTestEnvironment, makeReceivedHeartbeat, T0 } from './test-utils';
import { createHeartbeatClient } from './create-heartbeat-client';
import {
  createApprovalCountSelector,
  createSessionKeysSelector,
} from './create-session-keys-selector';
import { MapView } from './map-view';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const beat = (sessionKey: string, seq: number, fields: Partial<ReceivedHeartbeat> = {}) =>
  makeReceivedHeartbeat({ sessionKey, seq, at: Date.now(), ...fields });

function setup() {
  const source = createManualSource();
  const client = createHeartbeatClient({ source, environment: createTestEnvironment() });
  client.start();
  source.snapshot([
    beat('agent:main:main', 1, { state: 'streaming' }),
    beat('agent:ops:Telegram', 1, { state: 'tool_wait' }),
    beat('agent:ops:slack', 1, { state: 'idle' }),
  ]);
  client.flush();
  return { source, client, state: () => client.store.getState() };
}

describe('createSessionKeysSelector', () => {
  it('returns the store’s own order when nothing is filtered', () => {
    const { state } = setup();
    const select = createSessionKeysSelector({ sortBy: 'key' });
    expect(select(state())).toBe(state().order.key);
  });

  it('filters by running, by health and by a case-insensitive key search', () => {
    const { state } = setup();
    expect(createSessionKeysSelector({ filter: 'running', sortBy: 'key' })(state())).toEqual([
      'agent:main:main',
      'agent:ops:Telegram',
    ]);
    expect(createSessionKeysSelector({ filter: 'needs_approval' })(state())).toEqual([
      'agent:ops:Telegram',
    ]);
    expect(createSessionKeysSelector({ search: 'OPS:tele', sortBy: 'key' })(state())).toEqual([
      'agent:ops:Telegram',
    ]);
  });

  it('answers a health nobody has without reading each session, and follows it when one has', () => {
    const { source, client, state } = setup();
    const select = createSessionKeysSelector({ filter: 'stalled', sortBy: 'key' });
    const none = select(state());
    expect(none).toEqual([]);
    source.heartbeats(beat('agent:ops:slack', 2, { state: 'idle' }));
    client.flush();
    const sessionsRead = vi.spyOn(MapView.prototype, 'get');
    expect(select(state())).toBe(none);
    expect(sessionsRead).not.toHaveBeenCalled();
    sessionsRead.mockRestore();
    source.heartbeats(
      beat('agent:main:main', 2, { state: 'awaiting_model', stateSince: Date.now() - 60_000 }),
    );
    client.flush();
    expect(select(state())).toEqual(['agent:main:main']);
  });

  it('keeps its answer’s reference while the visible order holds', () => {
    const { source, client, state } = setup();
    const select = createSessionKeysSelector({ filter: 'running', sortBy: 'key' });
    const first = select(state());
    source.heartbeats(beat('agent:main:main', 2, { state: 'tool_exec' })); // still running
    source.heartbeats(beat('agent:ops:slack', 2, { state: 'idle' }));
    client.flush();
    expect(select(state())).toBe(first);
    source.heartbeats(beat('agent:ops:slack', 3, { state: 'awaiting_model' }));
    client.flush();
    expect(select(state())).toEqual(['agent:main:main', 'agent:ops:Telegram', 'agent:ops:slack']);
  });

  it('a search ignores the spaces around it, and a blank one shows every session', () => {
    const { state } = setup();
    expect(createSessionKeysSelector({ search: '  slack ', sortBy: 'key' })(state())).toEqual([
      'agent:ops:slack',
    ]);
    expect(
      createSessionKeysSelector({ search: '   ', filter: 'running', sortBy: 'key' })(state()),
    ).toEqual(['agent:main:main', 'agent:ops:Telegram']);
  });

  it('empties the answer when the last session of a health leaves it', () => {
    const { source, client, state } = setup();
    const select = createSessionKeysSelector({ filter: 'needs_approval', sortBy: 'key' });
    expect(select(state())).toEqual(['agent:ops:Telegram']);
    source.heartbeats(beat('agent:ops:Telegram', 2, { state: 'streaming' }));
    client.flush();
    expect(select(state())).toEqual([]);
  });

  it('a search finds a session by its label, model, tool, state or health, not only its key', () => {
    const { source, client, state } = setup();
    source.heartbeats(
      beat('agent:main:main', 2, {
        state: 'streaming',
        label: 'Main assistant',
        model: 'openai/gpt-5',
      }),
      beat('agent:ops:Telegram', 2, { state: 'tool_wait', toolName: 'exec' }),
    );
    client.flush();
    const find = (search: string) => createSessionKeysSelector({ search, sortBy: 'key' })(state());
    expect(find('assistant')).toEqual(['agent:main:main']);
    expect(find('GPT-5')).toEqual(['agent:main:main']);
    expect(find('exec')).toEqual(['agent:ops:Telegram']);
    expect(find('tool wait')).toEqual(['agent:ops:Telegram']);
    expect(find('idle')).toEqual(['agent:ops:slack']);
    expect(find('claude')).toEqual([]);
  });

  it('searches the words a view gives, and describes a session again only when it changes', () => {
    const { source, client, state } = setup();
    const searchText = vi.fn((entry: { sessionKey: string; health: string }) =>
      entry.health === 'waiting' ? 'needs approval' : entry.sessionKey,
    );
    const select = createSessionKeysSelector({ search: 'approval', searchText, sortBy: 'key' });
    expect(select(state())).toEqual(['agent:ops:Telegram']);
    expect(searchText).toHaveBeenCalledTimes(3);
    source.heartbeats(beat('agent:ops:slack', 2, { state: 'idle' }));
    client.flush();
    expect(select(state())).toEqual(['agent:ops:Telegram']);
    expect(searchText).toHaveBeenCalledTimes(4);
  });

  it('filters by source (fleet), with or without a search', () => {
    const { source, client, state } = setup();
    source.heartbeats(
      beat('gw-1/agent:a:main', 1, { state: 'idle', source: 'gw-1' }),
      beat('gw-2/agent:a:main', 1, { state: 'streaming', source: 'gw-2' }),
    );
    client.flush();
    expect(createSessionKeysSelector({ source: 'gw-2', sortBy: 'key' })(state())).toEqual([
      'gw-2/agent:a:main',
    ]);
    expect(
      createSessionKeysSelector({ source: 'gw-1', search: 'agent:a', sortBy: 'key' })(state()),
    ).toEqual(['gw-1/agent:a:main']);
  });

  it('tells approval waits apart from other waits, and counts them', () => {
    const { source, client, state } = setup();
    source.heartbeats(beat('agent:main:main', 2, { state: 'awaiting_model' }));
    client.flush();
    // agent:ops:Telegram is in tool_wait (approval), agent:main:main waits for the model.
    expect(createSessionKeysSelector({ filter: 'needs_approval' })(state())).toEqual([
      'agent:ops:Telegram',
    ]);
    expect(createSessionKeysSelector({ filter: 'waiting' })(state())).toEqual(['agent:main:main']);
    const count = createApprovalCountSelector();
    expect(count(state())).toBe(1);
    source.heartbeats(beat('agent:ops:Telegram', 2, { state: 'tool_exec' }));
    client.flush();
    expect(count(state())).toBe(0);
    expect(createSessionKeysSelector({ filter: 'needs_approval' })(state())).toEqual([]);
  });
});
