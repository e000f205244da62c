import type { SessionAction } from '@session-heartbeat/core';
import type { HeartbeatEmitterOptions } from '@session-heartbeat/emitter';

/** The gateway's own methods our actions map onto; each one given is an action offered. */
export interface OpenClawActionMethods {
  /**
   * The gateway's `chat.abort` (`{sessionKey, runId?}`): cancels the
   * session's run. It broadcasts `chat` `aborted` at once, which the bridge
   * turns into `complete`. Offered as `abort`. A returned promise that
   * rejects is reported to the emitter's `onListenerError`.
   */
  chatAbort?: (params: { sessionKey: string; runId?: string }) => unknown;
}

/**
 * The emitter options (`actions`, `onAction`) that map our actions onto the
 * gateway's own methods: `abort` → `chat.abort` with the session's run (its
 * `turnId` is the `runId`; without one, every run of the session). The
 * gateway has no method to nudge or restart a session, so those are not
 * offered: a UI shows only what works.
 *
 * @example
 * const emitter = createHeartbeatEmitter({
 *   ...createOpenClawActions({ chatAbort: (params) => callGatewayMethod('chat.abort', params) }),
 * });
 */
export function createOpenClawActions(
  methods: OpenClawActionMethods,
): Required<Pick<HeartbeatEmitterOptions, 'actions'>> & Pick<HeartbeatEmitterOptions, 'onAction'> {
  const { chatAbort } = methods;
  if (chatAbort === undefined) return { actions: [] };
  const actions: SessionAction[] = ['abort'];
  return {
    actions,
    onAction(sessionKey, action, heartbeat) {
      // The emitter offers only `actions`: anything else never reaches here.
      if (action !== 'abort') return undefined;
      const { turnId } = heartbeat;
      return chatAbort(turnId === undefined ? { sessionKey } : { sessionKey, runId: turnId });
    },
  };
}
