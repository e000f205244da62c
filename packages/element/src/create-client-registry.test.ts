import { createHeartbeatClient, type HeartbeatClientOptions } from '@session-heartbeat/client';
import { createManualSource, createTestEnvironment } from '@session-heartbeat/client/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createClientRegistry, type ClientSpec } from './create-client-registry';

function setup() {
  const made: HeartbeatClientOptions[] = [];
  const warn = vi.fn();
  const registry = createClientRegistry({
    createClient(options) {
      made.push(options);
      const client = createHeartbeatClient({
        ...options,
        source: options.source ?? createManualSource(),
        environment: createTestEnvironment(),
      });
      vi.spyOn(client, 'start');
      vi.spyOn(client, 'stop');
      vi.spyOn(client, 'setThresholds');
      vi.spyOn(client, 'setTransport').mockImplementation(() => undefined);
      return client;
    },
    warn,
  });
  return { registry, made, warn };
}

const url = (overrides: Partial<Extract<ClientSpec, { kind: 'url' }>> = {}): ClientSpec => ({
  kind: 'url',
  baseUrl: 'http://127.0.0.1:4317/',
  token: undefined,
  transport: 'auto',
  ...overrides,
});

describe('createClientRegistry', () => {
  it('shares one client per server, token and transport; each lease holds it', () => {
    const { registry, made } = setup();
    const a = registry.acquire(url());
    const b = registry.acquire(url());
    expect(b.client).toBe(a.client);
    expect(made).toHaveLength(1);
    expect(made[0]).toEqual({
      baseUrl: 'http://127.0.0.1:4317/',
      token: undefined,
      transport: 'auto',
    });
    expect(a.client.start).toHaveBeenCalledTimes(2);

    expect(registry.acquire(url({ token: 'secret' })).client).not.toBe(a.client);
    expect(registry.acquire(url({ transport: 'polling' })).client).not.toBe(a.client);
    expect(registry.acquire(url({ baseUrl: 'http://127.0.0.1:9999/' })).client).not.toBe(a.client);
    expect(registry.size).toBe(4);
  });

  it('forgets a client when its last holder lets go, and makes a new one after', () => {
    const { registry, made } = setup();
    const a = registry.acquire(url());
    const b = registry.acquire(url());
    a.release();
    a.release(); // idempotent: does not count twice
    expect(a.held).toBe(false);
    expect(b.client.stop).toHaveBeenCalledTimes(1);
    expect(registry.size).toBe(1);
    b.release();
    expect(b.client.stop).toHaveBeenCalledTimes(2);
    expect(registry.size).toBe(0);
    expect(registry.acquire(url()).client).not.toBe(b.client);
    expect(made).toHaveLength(2);
  });

  it('shares one client per source object', () => {
    const { registry, made } = setup();
    const source = createManualSource();
    const a = registry.acquire({ kind: 'source', source });
    const b = registry.acquire({ kind: 'source', source });
    expect(b.client).toBe(a.client);
    expect(made).toEqual([{ source }]);
    expect(source.connected).toBe(true);
    a.release();
    expect(source.connected).toBe(true);
    b.release();
    expect(source.connected).toBe(false);
    expect(registry.size).toBe(0);
  });

  it('holds a host’s client while leased, leaves the host’s own hold, and gives its thresholds back', () => {
    const { registry, made } = setup();
    const source = createManualSource();
    const client = createHeartbeatClient({
      source,
      environment: createTestEnvironment(),
      thresholds: { stallAfterMs: 90_000 },
    });
    client.start(); // the host's own hold
    const a = registry.acquire({ kind: 'client', client });
    const b = registry.acquire({ kind: 'client', client });
    expect(a.client).toBe(client);
    expect(made).toHaveLength(0);
    a.setThresholds({ stallAfterMs: 5000 });
    expect(client.store.getState().thresholds).toEqual({ stallAfterMs: 5000 });
    a.release();
    b.release();
    expect(source.connected).toBe(true);
    expect(client.store.getState().thresholds).toEqual({ stallAfterMs: 90_000 });
    expect(registry.size).toBe(0);
  });

  it('applies the newest thresholds of any holder, and warns once when holders disagree', () => {
    const { registry, warn } = setup();
    const a = registry.acquire(url());
    const b = registry.acquire(url());
    const { client } = a;
    a.setThresholds({ stallAfterMs: 5000 });
    expect(client.setThresholds).toHaveBeenLastCalledWith({ stallAfterMs: 5000 });
    b.setThresholds(undefined); // a holder without thresholds of its own changes nothing
    a.setThresholds({ stallAfterMs: 5000 }); // the same again: not applied twice
    expect(client.setThresholds).toHaveBeenCalledTimes(1);
    b.setThresholds({ stallAfterMs: 9000 });
    b.setThresholds({ stallAfterMs: 8000 });
    expect(client.setThresholds).toHaveBeenLastCalledWith({ stallAfterMs: 8000 });
    expect(warn).toHaveBeenCalledTimes(1);
    b.release();
    expect(client.setThresholds).toHaveBeenLastCalledWith({ stallAfterMs: 5000 });
    a.setThresholds(undefined);
    expect(client.setThresholds).toHaveBeenLastCalledWith(undefined);
  });

  it('switches transport in place for a lone holder, and splits off a shared one', () => {
    const { registry, made } = setup();
    const alone = registry.acquire(url());
    const moved = alone.moveTo(url({ transport: 'polling' }));
    expect(moved).toBe(alone);
    expect(alone.client.setTransport).toHaveBeenCalledWith('polling');
    expect(made).toHaveLength(1);
    // Now keyed by its new transport: another polling holder joins it.
    expect(registry.acquire(url({ transport: 'polling' })).client).toBe(alone.client);

    // Two holders: the one that changes leaves, with its thresholds.
    alone.setThresholds({ stallAfterMs: 1234 });
    const split = alone.moveTo(url({ transport: 'websocket' }));
    expect(split).not.toBe(alone);
    expect(alone.held).toBe(false);
    expect(split.client).not.toBe(alone.client);
    expect(split.client.setThresholds).toHaveBeenLastCalledWith({ stallAfterMs: 1234 });
    expect(made).toHaveLength(2);
  });

  it('moves to another server by releasing the old client', () => {
    const { registry } = setup();
    const lease = registry.acquire(url());
    const next = lease.moveTo(url({ baseUrl: 'http://127.0.0.1:9999/' }));
    expect(lease.held).toBe(false);
    expect(lease.client.stop).toHaveBeenCalledTimes(1);
    expect(next.client).not.toBe(lease.client);
    expect(next.held).toBe(true);
    expect(registry.size).toBe(1);
    expect(next.moveTo(url({ baseUrl: 'http://127.0.0.1:9999/' }))).toBe(next);
  });
});
