import { ConnectionBanner, SessionList } from '@session-heartbeat/ui';
import type { ReactNode } from 'react';
import { SHARED_ATTRIBUTES } from './read-element-config';
import { SessionHeartbeatElement, type ElementViewContext } from './session-heartbeat-element';

/**
 * `<session-heartbeat-list>`: the live session list — counts that filter,
 * search, sort, rows that say what each session is doing and for how long,
 * the reason in a tooltip, nudge, abort and restart for a stalled one — and, above it, the
 * connection in words when it is not live.
 *
 * Attributes: `server-url`, `transport` (`auto` | `websocket` | `polling`),
 * `theme` (`light` | `dark` | `auto`), `stall-after-ms`,
 * `unresponsive-after-ms`. Properties: `token`, `client`, `thresholds`.
 * Events (bubbling, composed): `session-select` (`detail: { sessionKey }`)
 * when a row is chosen (click, Enter, Space); `session-action`
 * (`detail: { sessionKey, action }`) when a nudge, abort or restart is
 * confirmed — cancelable: after `preventDefault()` the host acts its own way
 * and nothing goes to the server's action route.
 *
 * The rows area is `--shb-list-height` tall (default 480px); every
 * `--shb-*` property set on the element re-themes it.
 *
 * @example
 * <session-heartbeat-list server-url="/" stall-after-ms="60000"></session-heartbeat-list>
 */
export class SessionHeartbeatListElement extends SessionHeartbeatElement {
  static readonly observedAttributes: readonly string[] = SHARED_ATTRIBUTES;

  constructor() {
    super('list');
  }

  /** @internal */
  protected renderView({ portal, dispatchSelect, dispatchAction }: ElementViewContext): ReactNode {
    return (
      <>
        <ConnectionBanner className="shb-element__banner" />
        <SessionList
          tooltipContainer={portal}
          height="var(--shb-list-height, 480px)"
          onSelect={dispatchSelect}
          onAction={(request) => {
            // `session-action` is cancelable: a host that acts its own way prevents it.
            if (!dispatchAction(request.sessionKey, request.action)) request.preventDefault();
          }}
        />
      </>
    );
  }
}
