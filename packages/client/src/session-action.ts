import type { SessionAction } from '@session-heartbeat/core';

export type { SessionAction };

/** What a view tells a session action when it runs it. */
export interface SessionActionVariables {
  /**
   * The session's `stateSince` when the action was asked for: a view shows
   * it done until the session moves on from that state.
   */
  stateSince?: number | undefined;
  /**
   * When a person asked for it, on the server's clock: a session's timeline
   * marks it there.
   */
  askedAt?: number | undefined;
  /**
   * The host took care of it (an element's `session-action` event was
   * `preventDefault()`-ed): the mutation succeeds without asking the server.
   * @default false
   */
  handledByHost?: boolean | undefined;
}
