import { createHeartbeatClient } from '@session-heartbeat/client';
import {
  createManualSource,
  createTestEnvironment,
  makeReceivedHeartbeat,
} from '@session-heartbeat/client/test-utils';
import { act, render, renderHook, screen } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { HeartbeatProvider } from './heartbeat-provider';
import * as hooks from './index';

describe('HeartbeatProvider', () => {
  it('every hook used outside the provider names itself and the provider', () => {
    const cases: [string, () => unknown][] = [
      ['useHeartbeatClient', () => hooks.useHeartbeatClient()],
      ['useSessionHeartbeat', () => hooks.useSessionHeartbeat('a')],
      ['useSessionHealth', () => hooks.useSessionHealth('a')],
      ['useSessionEntry', () => hooks.useSessionEntry('a')],
      ['useSessionKeys', () => hooks.useSessionKeys()],
      ['useHealthCounts', () => hooks.useHealthCounts()],
      ['useConnectionStatus', () => hooks.useConnectionStatus()],
      ['useSessionHistory', () => hooks.useSessionHistory('a')],
      ['useSessionAction', () => hooks.useSessionAction('a', 'restart')],
      ['useListening', () => hooks.useListening()],
      ['useServerNow', () => hooks.useServerNow()],
      ['useLastUpdate', () => hooks.useLastUpdate()],
    ];
    for (const [name, hook] of cases) {
      expect(() => renderHook(hook)).toThrow(
        `\`${name}\` must be used within \`HeartbeatProvider\`.`,
      );
    }
  });

  it('runs the client for as long as it is mounted, StrictMode included', () => {
    const source = createManualSource();
    const view = render(
      <StrictMode>
        <HeartbeatProvider source={source} environment={createTestEnvironment()}>
          <p>inside</p>
        </HeartbeatProvider>
      </StrictMode>,
    );
    expect(screen.getByText('inside')).toBeInTheDocument();
    expect(source.connected).toBe(true);
    expect(source.connects).toBe(2); // mount, unmount, mount again
    view.unmount();
    expect(source.connected).toBe(false);
  });

  it('a client the host started keeps running after the provider unmounts', () => {
    const source = createManualSource();
    const client = createHeartbeatClient({ source, environment: createTestEnvironment() });
    client.start(); // the host's own hold
    const view = render(<HeartbeatProvider client={client}>inside</HeartbeatProvider>);
    view.unmount();
    expect(source.connected).toBe(true);
    client.stop();
    expect(source.connected).toBe(false);
  });

  it('takes a client made elsewhere, and shares its QueryClient', () => {
    const source = createManualSource();
    const client = createHeartbeatClient({ source, environment: createTestEnvironment() });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <HeartbeatProvider client={client}>{children}</HeartbeatProvider>
    );
    const { result } = renderHook(() => hooks.useHeartbeatClient(), { wrapper });
    expect(result.current).toBe(client);
    expect(source.connected).toBe(true);
    const restart = renderHook(() => hooks.useSessionAction('a', 'restart'), { wrapper });
    expect(restart.result.current.latest).toBeUndefined();
  });

  it('compares thresholds by value: a new literal with the same content changes nothing', () => {
    const source = createManualSource();
    const environment = createTestEnvironment();
    function App({ stallAfterMs }: { stallAfterMs: number }) {
      return (
        <HeartbeatProvider source={source} environment={environment} thresholds={{ stallAfterMs }}>
          <Probe />
        </HeartbeatProvider>
      );
    }
    let client: ReturnType<typeof hooks.useHeartbeatClient> | undefined;
    function Probe() {
      client = hooks.useHeartbeatClient();
      return null;
    }
    const view = render(<App stallAfterMs={1000} />);
    act(() => {
      source.snapshot([
        makeReceivedHeartbeat({ sessionKey: 'a', state: 'tool_exec', at: Date.now() }),
      ]);
      client?.flush();
    });
    const state = client?.store.getState();
    view.rerender(<App stallAfterMs={1000} />);
    expect(client?.store.getState()).toBe(state);
    view.rerender(<App stallAfterMs={2000} />);
    expect(client?.store.getState().thresholds).toEqual({ stallAfterMs: 2000 });
  });
});
