import { createEmitterSource, createHeartbeatClient } from '@session-heartbeat/client';
import { createTestEnvironment, T0 } from '@session-heartbeat/client/test-utils';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createEmitterSource with the real emitter (in-page, as in Storybook)', () => {
  it('is live at once, follows every emission, and pings while the hub is quiet', async () => {
    const emitter = createHeartbeatEmitter({ interval: 1000 });
    emitter.session('agent:main:main').transition('awaiting_model');
    const client = createHeartbeatClient({
      source: createEmitterSource(emitter),
      environment: createTestEnvironment(),
      thresholds: { stallAfterMs: 5000 },
    });
    client.start();
    client.flush();
    const state = () => client.store.getState();
    expect(state()).toMatchObject({ hasSnapshot: true, epoch: emitter.epoch, interval: 1000 });
    expect(state().status.kind).toBe('live');
    expect(state().sessions.get('agent:main:main')?.health).toBe('waiting');

    emitter.get('agent:main:main')?.transition('tool_exec', { toolName: 'bash' });
    client.flush();
    expect(state().sessions.get('agent:main:main')?.heartbeat.toolName).toBe('bash');

    // Periodic beats keep it heard; the stall comes from the clock, not a frame.
    vi.advanceTimersByTime(5001);
    expect(state().listening).toBe(true);
    expect(state().sessions.get('agent:main:main')?.health).toBe('stalled');

    await client.runAction('agent:main:main', 'restart');
    client.flush();
    expect(state().sessions.get('agent:main:main')?.heartbeat.state).toBe('idle');
    await expect(client.fetchSession('agent:main:main')).resolves.toMatchObject({ state: 'idle' });

    emitter.get('agent:main:main')?.remove();
    client.flush();
    expect(state().sessions.size).toBe(0);
    vi.advanceTimersByTime(10_000); // nothing emits now: the source's pings keep the ear open
    expect(state().listening).toBe(true);
    client.stop();
    emitter.dispose();
  });
});
