import { SessionHeartbeatDotElement } from './session-heartbeat-dot-element';
import { SessionHeartbeatListElement } from './session-heartbeat-list-element';

/** Tag names to register the elements under. */
export interface SessionHeartbeatElementNames {
  /** @default 'session-heartbeat-list' */
  list?: string;
  /** @default 'session-heartbeat-dot' */
  dot?: string;
}

/** What each name is bound to after `defineSessionHeartbeatElements`. */
export interface DefinedElements {
  /** `true` if the name now means our element (defined now or before); `false` if it was taken. */
  list: boolean;
  dot: boolean;
}

export const DEFAULT_ELEMENT_NAMES = Object.freeze({
  list: 'session-heartbeat-list',
  dot: 'session-heartbeat-dot',
});

function defineOne(
  registry: CustomElementRegistry,
  name: string,
  element: CustomElementConstructor,
): boolean {
  const existing = registry.get(name);
  if (existing !== undefined) {
    return existing === element || existing.prototype instanceof element;
  }
  try {
    registry.define(name, element);
  } catch {
    // A constructor can be defined once: another name gets a subclass of its own.
    registry.define(name, class extends (element as typeof HTMLElement) {});
  }
  return true;
}

/**
 * Registers `<session-heartbeat-list>` and `<session-heartbeat-dot>` (or the
 * names given) where each name is still free; a name already taken, by these
 * elements or anything else, is left alone. Safe to call any number of times.
 * The package's main entry calls it on import; `@session-heartbeat/element/manual`
 * does not, for hosts that register themselves.
 *
 * @example
 * import { defineSessionHeartbeatElements } from '@session-heartbeat/element/manual';
 * defineSessionHeartbeatElements({ list: 'oc-session-list', dot: 'oc-session-dot' });
 */
export function defineSessionHeartbeatElements(
  names: SessionHeartbeatElementNames = {},
  registry: CustomElementRegistry | undefined = globalThis.customElements,
): DefinedElements {
  if (registry === undefined) return { list: false, dot: false };
  return {
    list: defineOne(
      registry,
      names.list ?? DEFAULT_ELEMENT_NAMES.list,
      SessionHeartbeatListElement,
    ),
    dot: defineOne(registry, names.dot ?? DEFAULT_ELEMENT_NAMES.dot, SessionHeartbeatDotElement),
  };
}
