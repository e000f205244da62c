import { createHeartbeatClient, type HeartbeatSource } from '@session-heartbeat/client';
import {
  createManualSource,
  createTestEnvironment,
  makeReceivedHeartbeat,
} from '@session-heartbeat/client/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { HeartbeatProvider } from './heartbeat-provider';
import { useConnectionStatus } from './use-connection-status';
import { useHealthCounts } from './use-health-counts';
import { useLastUpdate } from './use-last-update';
import { useRestartSession } from './use-restart-session';
import { useSessionEntry } from './use-session-entry';
import { useSessionHealth } from './use-session-health';
import { useSessionHistory } from './use-session-history';

function setup(extra: Partial<HeartbeatSource> = {}) {
  const source = Object.assign(createManualSource(), extra);
  const client = createHeartbeatClient({ source, environment: createTestEnvironment() });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <HeartbeatProvider client={client}>{children}</HeartbeatProvider>
  );
  return { source, client, wrapper };
}

describe('the session hooks', () => {
  it('read status, counts, health, history and the last update from the store', () => {
    const { source, client, wrapper } = setup();
    const { result } = renderHook(
      () => ({
        status: useConnectionStatus(),
        counts: useHealthCounts(),
        verdict: useSessionHealth('a'),
        entry: useSessionEntry('a'),
        history: useSessionHistory('a'),
        lastUpdate: useLastUpdate(),
      }),
      { wrapper },
    );
    expect(result.current.status.kind).toBe('stopped');
    expect(result.current.verdict).toEqual({ health: 'unknown', because: 'no_heartbeat' });
    expect(result.current.history).toEqual([]);
    expect(result.current.lastUpdate).toBeUndefined();
    act(() => {
      source.snapshot([
        makeReceivedHeartbeat({ sessionKey: 'a', state: 'streaming', at: Date.now() }),
      ]);
      client.flush();
    });
    expect(result.current.status.kind).toBe('live');
    expect(result.current.counts.active).toBe(1);
    expect(result.current.verdict).toMatchObject({ health: 'active', because: 'streaming' });
    expect(result.current.entry?.heartbeat.state).toBe('streaming');
    expect(result.current.history).toEqual([
      expect.objectContaining({ state: 'streaming', health: 'active' }),
    ]);
    expect(result.current.lastUpdate).toBeTypeOf('number');
  });

  it('useRestartSession is a mutation over the source’s restart', async () => {
    const restart = vi.fn(async (_sessionKey: string) => undefined);
    const { wrapper } = setup({ restart });
    const { result } = renderHook(() => useRestartSession(), { wrapper });
    act(() => {
      result.current.mutate('agent:main:main');
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(restart).toHaveBeenCalledWith('agent:main:main');
  });

  it('useRestartSession reports a source that cannot restart', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useRestartSession(), { wrapper });
    act(() => {
      result.current.mutate('a');
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error?.message).toMatch(/cannot restart/);
  });
});
