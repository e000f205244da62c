import {
  type HeartbeatHub,
  type HeartbeatsFrame,
  type HubEvent,
  type PingFrame,
  type RemovedFrame,
  type SessionHeartbeat,
  type SnapshotFrame,
} from '@session-heartbeat/core';
import { defaultTimers, type EmitterTimers, unrefTimer } from '@session-heartbeat/emitter';
import { SESSION_HEARTBEAT_EVENT, type GatewayEventFrame } from './gateway-types';

/**
 * The payload of a `session.heartbeat` event: a frame of our contract, plus
 * the emitter's `epoch` on every one, so that a listener riding a shared
 * socket notices a restarted emitter without waiting for a snapshot.
 */
export type SessionHeartbeatPayload = (
  SnapshotFrame<SessionHeartbeat> | HeartbeatsFrame<SessionHeartbeat> | RemovedFrame | PingFrame
) & { epoch: string };

/** The snapshot body, as `session.heartbeat.snapshot` answers it. */
export function sessionHeartbeatSnapshot(hub: HeartbeatHub): SessionHeartbeatPayload {
  return {
    type: 'snapshot',
    serverTime: hub.now(),
    epoch: hub.epoch,
    interval: hub.interval,
    heartbeats: hub.snapshot(),
  };
}

/** One emitter event (or a `ping` when there was nothing to say) as a `session.heartbeat` payload. */
export function toSessionHeartbeatPayload(
  event: HubEvent | { type: 'ping' },
  hub: Pick<HeartbeatHub, 'epoch' | 'now'>,
): SessionHeartbeatPayload {
  const serverTime = hub.now();
  switch (event.type) {
    case 'heartbeats':
      return {
        type: 'heartbeats',
        serverTime,
        epoch: hub.epoch,
        heartbeats: [...event.heartbeats],
      };
    case 'removed':
      return { type: 'removed', serverTime, epoch: hub.epoch, sessionKey: event.sessionKey };
    case 'ping':
      return { type: 'ping', serverTime, epoch: hub.epoch };
    default:
      return event satisfies never;
  }
}

/**
 * The gateway event frame for an emitter event: `{type:"event",
 * event:"session.heartbeat", payload, seq}`. A host that broadcasts through
 * its own function passes the payload alone and lets it number the frame.
 */
export function toGatewayEvent(
  event: HubEvent | { type: 'ping' },
  hub: Pick<HeartbeatHub, 'epoch' | 'now'>,
  seq?: number,
): GatewayEventFrame {
  const frame: GatewayEventFrame = {
    type: 'event',
    event: SESSION_HEARTBEAT_EVENT,
    payload: toSessionHeartbeatPayload(event, hub),
  };
  if (seq !== undefined) frame.seq = seq;
  return frame;
}

export interface GatewayBroadcastOptions {
  /**
   * After this long with nothing sent, a `ping` payload goes out, so that a
   * live connection is never silent (clients reconnect after 2 × interval).
   * @default the emitter's interval
   */
  pingAfterMs?: number;
  /** @default the platform's timers */
  timers?: EmitterTimers;
}

export interface GatewayBroadcast {
  /** Payloads handed to `broadcast` so far. */
  readonly sent: number;
  /** Stops listening and pinging. */
  stop(): void;
}

/**
 * Broadcasts every emission of `hub` through the gateway's own broadcast
 * function as a `session.heartbeat` event, and a `ping` when quiet.
 *
 * @example
 * // In the gateway (a plugin), with its `broadcast(event, payload)`:
 * createGatewayBroadcast(emitter, (event, payload) => broadcast(event, payload, { dropIfSlow: true }));
 */
export function createGatewayBroadcast(
  hub: HeartbeatHub,
  broadcast: (event: typeof SESSION_HEARTBEAT_EVENT, payload: SessionHeartbeatPayload) => void,
  options: GatewayBroadcastOptions = {},
): GatewayBroadcast {
  const timers = options.timers ?? defaultTimers;
  const pingAfterMs = Math.max(1, options.pingAfterMs ?? hub.interval);
  let sent = 0;
  let timer: unknown;
  let stopped = false;

  function send(event: HubEvent | { type: 'ping' }): void {
    if (stopped) return;
    sent += 1;
    try {
      broadcast(SESSION_HEARTBEAT_EVENT, toSessionHeartbeatPayload(event, hub));
    } finally {
      arm();
    }
  }

  function arm(): void {
    if (stopped) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      send({ type: 'ping' });
    }, pingAfterMs);
    unrefTimer(timer);
  }

  const unsubscribe = hub.subscribe(send);
  arm();
  return {
    get sent() {
      return sent;
    },
    stop() {
      stopped = true;
      unsubscribe();
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
