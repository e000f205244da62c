import type { ReceivedHeartbeat } from '@session-heartbeat/core';
import { createHeartbeatClient } from '@session-heartbeat/client';
import {
  createManualSource,
  createTestEnvironment,
  makeReceivedHeartbeat,
} from '@session-heartbeat/client/test-utils';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { HeartbeatProvider } from './heartbeat-provider';
import { useSessionKeys } from './use-session-keys';

function setup() {
  const source = createManualSource();
  const client = createHeartbeatClient({ source, environment: createTestEnvironment() });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <HeartbeatProvider client={client}>{children}</HeartbeatProvider>
  );
  const start = Date.now();
  const beat = (sessionKey: string, seq: number, fields: Partial<ReceivedHeartbeat> = {}) =>
    makeReceivedHeartbeat({ sessionKey, seq, at: start, emittedAt: Date.now(), ...fields });
  const send = (run: () => void) =>
    act(() => {
      run();
      client.flush();
    });
  return { source, wrapper, beat, send };
}

describe('useSessionKeys', () => {
  it('sorts, filters and searches; the array changes only when the visible order does', () => {
    const { source, wrapper, beat, send } = setup();
    const { result, rerender } = renderHook(
      (query: Parameters<typeof useSessionKeys>[0]) => useSessionKeys(query),
      { wrapper, initialProps: { sortBy: 'key', filter: 'running' } },
    );
    expect(result.current).toEqual([]);
    send(() =>
      source.snapshot([
        beat('agent:b', 1, { state: 'streaming' }),
        beat('agent:a', 1, { state: 'awaiting_model' }),
        beat('agent:C', 1, { state: 'idle' }),
      ]),
    );
    expect(result.current).toEqual(['agent:a', 'agent:b']);
    const visible = result.current;
    send(() => source.heartbeats(beat('agent:b', 2, { state: 'streaming' })));
    send(() => source.heartbeats(beat('agent:C', 2, { state: 'complete' })));
    expect(result.current).toBe(visible);

    rerender({ sortBy: 'key', filter: 'all', search: 'AGENT:c' });
    expect(result.current).toEqual(['agent:C']);
    rerender({ sortBy: 'severity', filter: 'waiting' });
    expect(result.current).toEqual(['agent:a']);
  });
});
