import { createHeartbeatClient, type HeartbeatEnvironment } from '@session-heartbeat/client';
import {
  createManualSource,
  createTestEnvironment,
  T0,
} from '@session-heartbeat/client/test-utils';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HeartbeatProvider } from './heartbeat-provider';
import { useServerNow } from './use-server-now';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 + 400 });
});
afterEach(() => {
  vi.useRealTimers();
});

function Elapsed({ id }: { id: number }) {
  const serverNow = useServerNow();
  return <span data-testid={`clock-${id}`}>{(serverNow - T0) / 1000} s</span>;
}

describe('useServerNow', () => {
  it('ticks every subscriber on the second, on one shared timer', () => {
    const environment = createTestEnvironment();
    const timers = vi.fn();
    const counting: HeartbeatEnvironment = {
      ...environment,
      setTimeout(callback, delayMs) {
        timers(delayMs);
        return environment.setTimeout(callback, delayMs);
      },
    };
    const client = createHeartbeatClient({ source: createManualSource(), environment: counting });
    const view = render(
      <HeartbeatProvider client={client}>
        {Array.from({ length: 100 }, (_, id) => (
          <Elapsed key={id} id={id} />
        ))}
      </HeartbeatProvider>,
    );
    expect(screen.getByTestId('clock-99')).toHaveTextContent('0 s');
    act(() => {
      vi.advanceTimersByTime(600);
    });
    expect(screen.getByTestId('clock-0')).toHaveTextContent('1 s');
    expect(screen.getByTestId('clock-99')).toHaveTextContent('1 s');
    timers.mockClear();
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(screen.getByTestId('clock-42')).toHaveTextContent('11 s');
    expect(timers).toHaveBeenCalledTimes(10); // one timer a second for all 100 components
    view.unmount();
    timers.mockClear();
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(timers).not.toHaveBeenCalled(); // nothing listens: no timer
  });
});
