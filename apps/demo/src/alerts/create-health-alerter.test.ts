import { createHeartbeatEmitter, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import {
  createBrowserEnvironment,
  createEmitterSource,
  createHeartbeatClient,
  type HeartbeatClient,
} from '@session-heartbeat/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHealthAlerter } from './create-health-alerter';

/** The browser's `Notification`, as far as a page sees it: a permission, and what was shown. */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  onclick: unknown = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

const titles = (): string[] => FakeNotification.shown.map((shown) => shown.title);

let emitter: HeartbeatEmitter;
let client: HeartbeatClient;
let opened: string[];

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 5, 12) });
  FakeNotification.permission = 'granted';
  FakeNotification.shown = [];
  opened = [];
  // The real emitter and client, on the fake clock: the alerter sees what a page sees.
  emitter = createHeartbeatEmitter();
  client = createHeartbeatClient({
    source: createEmitterSource(emitter),
    environment: createBrowserEnvironment(),
  });
  client.start();
});

afterEach(() => {
  client.stop();
  emitter.dispose();
  vi.useRealTimers();
});

function turnAlertsOn(): void {
  const alerter = createHealthAlerter({
    notifications: FakeNotification,
    serverNow: () => client.serverNow(),
    onOpen: (key) => opened.push(key),
  });
  alerter.update(client.store.getState());
  client.store.subscribe((state) => alerter.update(state));
}

describe('createHealthAlerter', () => {
  it('sends one summary for what already needed a look when alerts were turned on', async () => {
    emitter.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
    emitter.createSession('agent:ci:main', { state: 'awaiting_model' });
    emitter.createSession('agent:main:main');
    await vi.advanceTimersByTimeAsync(31_000);
    expect(client.store.getState().counts.stalled).toBe(2);

    turnAlertsOn();
    expect(titles()).toEqual(['2 sessions need a look']);
    expect(FakeNotification.shown[0]?.options.body).toBe(
      'Already when alerts were turned on: agent:build:main, agent:ci:main',
    );
    // Still stalled a minute later, beat after beat: nothing more.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(titles()).toHaveLength(1);
  });

  it('notifies each new problem once per session and reason', async () => {
    emitter.createSession('agent:main:main');
    const build = emitter.createSession('agent:build:main', { state: 'idle' });
    await vi.advanceTimersByTimeAsync(1000);
    turnAlertsOn();
    expect(titles()).toEqual([]);

    build.transition('tool_exec', { toolName: 'exec' });
    await vi.advanceTimersByTimeAsync(31_000);
    expect(titles()).toEqual(['agent:build:main is stalled']);
    expect(FakeNotification.shown[0]?.options.tag).toBe(
      'session-heartbeat:agent:build:main:no_progress',
    );
    await vi.advanceTimersByTimeAsync(30_000);
    expect(titles()).toHaveLength(1);

    // Another reason for the same session is news: it stops beating.
    build.crash();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(titles()).toEqual(['agent:build:main is stalled', 'agent:build:main is unresponsive']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(titles()).toHaveLength(2);

    // Clicking it opens that session.
    const notification = FakeNotification.shown[1];
    (notification?.onclick as () => void)();
    expect(opened).toEqual(['agent:build:main']);
    expect(notification?.closed).toBe(true);
  });

  it('notifies the same problem again when it comes back after a recovery', async () => {
    const build = emitter.createSession('agent:build:main', {
      state: 'tool_exec',
      toolName: 'exec',
    });
    await vi.advanceTimersByTimeAsync(1000);
    turnAlertsOn();
    await vi.advanceTimersByTimeAsync(31_000);
    build.transition('idle');
    await vi.advanceTimersByTimeAsync(1000);
    build.transition('tool_exec', { toolName: 'exec' });
    await vi.advanceTimersByTimeAsync(31_000);
    expect(titles()).toEqual(['agent:build:main is stalled', 'agent:build:main is stalled']);
  });

  it('sends nothing without permission', async () => {
    FakeNotification.permission = 'denied';
    emitter.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
    await vi.advanceTimersByTimeAsync(31_000);
    turnAlertsOn();
    emitter.createSession('agent:ci:main', { state: 'awaiting_model' });
    await vi.advanceTimersByTimeAsync(31_000);
    expect(client.store.getState().counts.stalled).toBe(2);
    expect(titles()).toEqual([]);
  });
});
