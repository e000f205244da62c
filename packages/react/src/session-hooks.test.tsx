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
import { useSessionAction } from './use-session-action';
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
    expect(result.current.verdict).toEqual({ health: 'unknown', because: 'no_heartbeat_yet' });
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

  it('useSessionAction runs the source’s restart, and every view of that session sees the run', async () => {
    const actOn = vi.fn(async (_sessionKey: string, _action: string) => undefined);
    const { wrapper } = setup({ act: actOn });
    const { result } = renderHook(
      () => ({
        here: useSessionAction('agent:main:main', 'restart'),
        there: useSessionAction('agent:main:main', 'restart'),
        other: useSessionAction('agent:ops:main', 'restart'),
      }),
      { wrapper },
    );
    expect(result.current.here.latest).toBeUndefined();
    await act(() => result.current.here.run({ stateSince: 1 }));
    expect(actOn).toHaveBeenCalledWith('agent:main:main', 'restart');
    await waitFor(() =>
      expect(result.current.there.latest).toMatchObject({
        status: 'success',
        variables: { stateSince: 1 },
      }),
    );
    expect(result.current.other.latest).toBeUndefined();
  });

  it('useSessionAction handed another session shows that session’s runs at once (a reused row)', async () => {
    const actOn = vi.fn(async (_sessionKey: string, _action: string) => undefined);
    const { wrapper } = setup({ act: actOn });
    const { result, rerender } = renderHook(
      ({ sessionKey }: { sessionKey: string }) => useSessionAction(sessionKey, 'restart'),
      { wrapper, initialProps: { sessionKey: 'a' } },
    );
    await act(() => result.current.run({ stateSince: 1 }));
    await waitFor(() => expect(result.current.latest?.status).toBe('success'));
    rerender({ sessionKey: 'b' });
    expect(result.current.latest).toBeUndefined();
    rerender({ sessionKey: 'a' });
    expect(result.current.latest?.status).toBe('success');
  });

  it('useSessionAction reports a source that cannot restart', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useSessionAction('a', 'restart'), { wrapper });
    await act(() => result.current.run().catch(() => undefined));
    await waitFor(() => expect(result.current.latest?.status).toBe('error'));
    expect(result.current.latest?.error?.message).toMatch(/cannot restart/);
  });

  it('useSessionAction: an action the host took care of succeeds without the server', async () => {
    const actOn = vi.fn(async (_sessionKey: string, _action: string) => undefined);
    const { wrapper } = setup({ act: actOn });
    const { result } = renderHook(() => useSessionAction('a', 'restart'), { wrapper });
    await act(() => result.current.run({ handledByHost: true }));
    await waitFor(() => expect(result.current.latest?.status).toBe('success'));
    expect(actOn).not.toHaveBeenCalled();
  });
});
