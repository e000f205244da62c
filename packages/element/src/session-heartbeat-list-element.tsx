import { ConnectionBanner, SessionList } from '@session-heartbeat/ui';
import type { ReactNode } from 'react';
import { SHARED_ATTRIBUTES } from './read-element-config';
import { SessionHeartbeatElement, type ElementViewContext } from './session-heartbeat-element';

/**
 * `<session-heartbeat-list>`: the live session list — counts that filter,
 * search, sort, rows that say what each session is doing and for how long,
 * the reason in a tooltip, restart for a stalled one — and, above it, the
 * connection in words when it is not live.
 *
 * Attributes: `server-url`, `transport` (`auto` | `websocket` | `polling`),
 * `theme` (`light` | `dark` | `auto`), `stall-after-ms`,
 * `unresponsive-after-ms`. Properties: `token`, `client`, `thresholds`.
 * Events (bubbling, composed, `detail: { sessionKey }`): `session-select`
 * when a row is chosen (click, Enter, Space); `session-restart` when a
 * restart is confirmed — cancelable: `preventDefault()` restarts it the
 * host's way instead of the server's restart route.
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
  protected renderView({ portal, dispatchSessionEvent }: ElementViewContext): ReactNode {
    return (
      <>
        <ConnectionBanner className="shb-element__banner" />
        <SessionList
          tooltipContainer={portal}
          height="var(--shb-list-height, 480px)"
          onSelect={(sessionKey) => dispatchSessionEvent('session-select', sessionKey)}
          onAction={(request) => {
            // `session-restart` is cancelable: a host that restarts its own way prevents it.
            if (!dispatchSessionEvent('session-restart', request.sessionKey)) {
              request.preventDefault();
            }
          }}
        />
      </>
    );
  }
}
