// The elements without registering them: for hosts that choose names or timing.
import type { SessionHeartbeatDotElement } from './session-heartbeat-dot-element';
import type { SessionActionEventDetail, SessionEventDetail } from './session-heartbeat-element';
import type { SessionHeartbeatListElement } from './session-heartbeat-list-element';

export {
  DEFAULT_ELEMENT_NAMES,
  defineSessionHeartbeatElements,
  type DefinedElements,
  type SessionHeartbeatElementNames,
} from './define-session-heartbeat-elements';
export { SessionHeartbeatListElement } from './session-heartbeat-list-element';
export { SessionHeartbeatDotElement } from './session-heartbeat-dot-element';
export {
  SessionHeartbeatElement,
  type SessionActionEventDetail,
  type SessionEventDetail,
  type SessionEventType,
} from './session-heartbeat-element';
export type { ElementClientInput } from './read-element-config';
export {
  createClientRegistry,
  type ClientLease,
  type ClientRegistry,
  type ClientRegistryOptions,
  type ClientSpec,
} from './create-client-registry';
export type { ElementDotSize, ElementTheme } from './parse-element-attributes';

declare global {
  interface HTMLElementTagNameMap {
    'session-heartbeat-list': SessionHeartbeatListElement;
    'session-heartbeat-dot': SessionHeartbeatDotElement;
  }
  // They bubble and are composed: the document and window hear them too.
  interface GlobalEventHandlersEventMap {
    'session-select': CustomEvent<SessionEventDetail>;
    'session-action': CustomEvent<SessionActionEventDetail>;
  }
}
