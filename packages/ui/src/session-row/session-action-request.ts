import type { SessionAction } from '@session-heartbeat/react';

/**
 * A confirmed action, told to the host before it goes to the server (a
 * `SessionList`'s `onAction`). `preventDefault()` takes it over: nothing is
 * sent, and the action shows as done (an element's cancelable
 * `session-action` event works this way).
 */
export interface SessionActionRequest {
  readonly sessionKey: string;
  readonly action: SessionAction;
  readonly defaultPrevented: boolean;
  preventDefault(): void;
}

export function createSessionActionRequest(
  sessionKey: string,
  action: SessionAction,
): SessionActionRequest {
  const request = {
    sessionKey,
    action,
    defaultPrevented: false,
    preventDefault() {
      request.defaultPrevented = true;
    },
  };
  return request;
}
