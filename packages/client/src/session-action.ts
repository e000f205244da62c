/**
 * What a person can ask the server to do to a session (`POST
 * /api/sessions/:key/restart`). A source offers the actions it has a method
 * for; every action goes through the client as a TanStack mutation, keyed by
 * session and action, so any view can read where it stands.
 */
export type SessionAction = 'restart';

/** What a view tells a session action when it runs it. */
export interface SessionActionVariables {
  /**
   * The session's `stateSince` when the action was asked for: a view shows
   * it done until the session moves on from that state.
   */
  stateSince?: number | undefined;
  /**
   * The host took care of it (an element's `session-restart` event was
   * `preventDefault()`-ed): the mutation succeeds without asking the server.
   * @default false
   */
  handledByHost?: boolean | undefined;
}
