import {
  isSessionAction,
  SESSION_ACTIONS,
  type SessionAction,
  type SessionHeartbeat,
} from '@session-heartbeat/core';
import { HeartbeatEmitterError } from './heartbeat-emitter-error';
import type { SessionRecord } from './session-record';
import type { HeartbeatEmitterOptions } from './types';

/** The actions of one emitter: which the host supports, and the one way each runs. */
export interface SessionActions {
  readonly actions: readonly SessionAction[];
  /**
   * Runs `action` on a listed session: refuses one the host does not
   * support, or one within the cooldown of the session's last, then asks the
   * host (or, for a restart without `onAction`, calls `recover`).
   */
  run(record: SessionRecord, action: SessionAction, recover: () => void): void;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Reads the action options once, refusing impossible ones with a precise error. */
export function createSessionActions(
  options: Pick<HeartbeatEmitterOptions, 'actions' | 'onAction' | 'actionCooldownMs'>,
  now: () => number,
  reportError: (error: unknown) => void,
): SessionActions {
  const cooldownMs = options.actionCooldownMs ?? 1000;
  if (!Number.isFinite(cooldownMs) || cooldownMs < 0) {
    throw new RangeError(`actionCooldownMs must be 0 or more, got ${cooldownMs}`);
  }
  const { onAction } = options;
  const listed = options.actions ?? ['restart'];
  for (const action of listed) {
    if (!isSessionAction(action)) {
      throw new TypeError(
        `unknown action ${JSON.stringify(action)} in actions; expected ${SESSION_ACTIONS.join(', ')}`,
      );
    }
    if (action !== 'restart' && onAction === undefined) {
      throw new TypeError(
        `actions lists ${JSON.stringify(action)}, but there is no onAction to run it`,
      );
    }
  }
  // In the contract's order, once each: what a UI shows as its ladder.
  const actions = Object.freeze(SESSION_ACTIONS.filter((action) => listed.includes(action)));

  return {
    actions,
    run(record, action, recover) {
      const { key } = record;
      if (!actions.includes(action)) {
        throw new HeartbeatEmitterError(
          'action_not_supported',
          key,
          `this server does not support ${action}; it supports ${actions.join(', ') || 'no action'}`,
        );
      }
      const at = now();
      const since = record.actedAt;
      // A clock stepped back (at < since) must not lock actions out for the step.
      if (since !== undefined && at >= since && at - since < cooldownMs) {
        const retryAfterMs = since + cooldownMs - at;
        throw new HeartbeatEmitterError(
          'action_too_soon',
          key,
          `session ${JSON.stringify(key)} was just acted on; try again in ${retryAfterMs} ms`,
          retryAfterMs,
        );
      }
      record.actedAt = at;
      if (onAction === undefined) {
        recover();
        return;
      }
      // Set at creation; a listed session always has its newest heartbeat.
      const result = onAction(key, action, record.last as SessionHeartbeat);
      if (isPromiseLike(result)) result.then(undefined, reportError);
    },
  };
}
