import type { SessionAction, ThresholdConfig } from '@session-heartbeat/core';
import type { TransportMode } from '@session-heartbeat/client';
import { HeartbeatProvider } from '@session-heartbeat/react';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import {
  sharedClientRegistry,
  type ClientLease,
  type ClientRegistry,
} from './create-client-registry';
import {
  parseDurationMs,
  parseTheme,
  parseTransport,
  type ElementTheme,
  type WarnAttribute,
} from './parse-element-attributes';
import {
  isClientInput,
  readClientSpec,
  readThresholds,
  type ElementClientInput,
} from './read-element-config';
import { adoptStyles, ELEMENT_CSS } from './styles/adopt-styles';

/** What `session-select` carries. */
export interface SessionEventDetail {
  sessionKey: string;
}

/** What `session-action` carries: the session, and the action a person confirmed. */
export interface SessionActionEventDetail extends SessionEventDetail {
  action: SessionAction;
}

export type SessionEventType = 'session-select' | 'session-action';

/** What a subclass renders, inside a `HeartbeatProvider` for the element's client. */
export interface ElementViewContext {
  /** Where tooltips portal to: inside the shadow root, so they get its styles. */
  portal: HTMLElement;
  /** Dispatches `session-select` from the element. */
  dispatchSelect(sessionKey: string): void;
  /** Dispatches the cancelable `session-action`; `false` if the host took it over. */
  dispatchAction(sessionKey: string, action: SessionAction): boolean;
}

/** Properties a page may set before the element is defined; they are replayed through the setters. */
const UPGRADED_PROPERTIES = [
  'client',
  'token',
  'thresholds',
  'serverUrl',
  'transport',
  'theme',
  'stallAfterMs',
  'unresponsiveAfterMs',
  'sessionKey',
  'size',
  'clickThrough',
];

const silent: WarnAttribute = () => undefined;

// Importing the bundle where there is no DOM (a server render) must not throw.
const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (Object as unknown as typeof HTMLElement) : HTMLElement;

function reflect(element: HTMLElement, name: string, value: string | number | null | undefined) {
  if (value === null || value === undefined) element.removeAttribute(name);
  else element.setAttribute(name, String(value));
}

/**
 * What `<session-heartbeat-list>` and `<session-heartbeat-dot>` share: the
 * attributes and properties that say where heartbeats come from, one client
 * per server shared through a registry, a React root in an open shadow root
 * (mounted while connected, unmounted when removed), and the events.
 *
 * Changes are applied together in a microtask, so setting `token` then
 * `server-url` opens one connection, not two; moving an element in the
 * document keeps its connection.
 */
export abstract class SessionHeartbeatElement extends ElementBase {
  /** The registry elements share clients through; tests may swap it. */
  static registry: ClientRegistry = sharedClientRegistry;

  readonly #mount: HTMLElement;
  readonly #portal: HTMLElement;
  #root: Root | undefined;
  #lease: ClientLease | undefined;
  #clientInput: ElementClientInput | undefined;
  #token: string | undefined;
  #thresholds: ThresholdConfig | undefined;
  #updateQueued = false;
  readonly #warned = new Set<string>();

  protected constructor(kind: 'list' | 'dot', extraCss: readonly string[] = []) {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    adoptStyles(shadow, [ELEMENT_CSS, ...extraCss]);
    const base = this.ownerDocument.createElement('div');
    base.className = 'shb-element';
    base.dataset.kind = kind;
    base.setAttribute('part', 'base');
    this.#mount = this.ownerDocument.createElement('div');
    this.#mount.className = 'shb-element__mount';
    this.#portal = this.ownerDocument.createElement('div');
    this.#portal.className = 'shb-element__portal';
    base.append(this.#mount, this.#portal);
    shadow.append(base);
  }

  /**
   * Renders the element's view; called after every applied change.
   * @internal React stays inside the bundle: its types are not part of the element's API.
   */
  protected abstract renderView(context: ElementViewContext): ReactNode;

  /** The server, e.g. `https://gateway.local:18789` or `/` (this page's origin). Reflects `server-url`. */
  get serverUrl(): string | null {
    return this.getAttribute('server-url');
  }
  set serverUrl(value: string | null | undefined) {
    reflect(this, 'server-url', value);
  }

  /** How to reach `server-url`: `auto`, `websocket` or `polling`. Reflects `transport`. @default 'auto' */
  get transport(): TransportMode {
    return parseTransport(this.getAttribute('transport'), silent);
  }
  set transport(value: TransportMode | null | undefined) {
    reflect(this, 'transport', value);
  }

  /**
   * `light`, `dark`, `auto` (follows `prefers-color-scheme`) or `inherit`
   * (the host's font, colours and mode). Reflects `theme`. @default 'auto'
   */
  get theme(): ElementTheme {
    return parseTheme(this.getAttribute('theme'), silent);
  }
  set theme(value: ElementTheme | null | undefined) {
    reflect(this, 'theme', value);
  }

  /** Reflects `stall-after-ms`; fills in `thresholds.stallAfterMs`. @default 30000 */
  get stallAfterMs(): number | undefined {
    return parseDurationMs('stall-after-ms', this.getAttribute('stall-after-ms'), silent);
  }
  set stallAfterMs(value: number | null | undefined) {
    reflect(this, 'stall-after-ms', value);
  }

  /** Reflects `unresponsive-after-ms`; fills in `thresholds.unresponsiveAfterMs`. @default 15000 */
  get unresponsiveAfterMs(): number | undefined {
    return parseDurationMs(
      'unresponsive-after-ms',
      this.getAttribute('unresponsive-after-ms'),
      silent,
    );
  }
  set unresponsiveAfterMs(value: number | null | undefined) {
    reflect(this, 'unresponsive-after-ms', value);
  }

  /**
   * The server's token, for `server-url` (the hello frame and `Authorization:
   * Bearer`). A property only: never an attribute, never in a URL.
   * @default undefined
   */
  get token(): string | undefined {
    return this.#token;
  }
  set token(value: string | null | undefined) {
    this.#token = value === null || value === '' ? undefined : value;
    this.#scheduleUpdate();
  }

  /**
   * A client (`createHeartbeatClient`) or a source (`createGatewaySource`,
   * `createGatewayEventSource`) instead of `server-url`; it wins over
   * `server-url`. Elements given the same object share it. A source is the
   * elements' to run (stopped when the last of them is removed); a client
   * stays the host's: started if it was not, never stopped by the elements.
   * @default undefined
   */
  get client(): ElementClientInput | undefined {
    return this.#clientInput;
  }
  set client(value: ElementClientInput | null | undefined) {
    if (value !== null && value !== undefined && !isClientInput(value)) {
      this.#warn('`client` must be a heartbeat client or a heartbeat source: ignored.');
      this.#clientInput = undefined;
    } else {
      this.#clientInput = value ?? undefined;
    }
    this.#scheduleUpdate();
  }

  /**
   * The full thresholds (per state, model, tool and session). `stall-after-ms`
   * and `unresponsive-after-ms` fill in (and win over) its global limits.
   * @default undefined (DEFAULT_THRESHOLDS)
   */
  get thresholds(): ThresholdConfig | undefined {
    return this.#thresholds;
  }
  set thresholds(value: ThresholdConfig | null | undefined) {
    this.#thresholds = value ?? undefined;
    this.#scheduleUpdate();
  }

  connectedCallback(): void {
    for (const name of UPGRADED_PROPERTIES) this.#upgradeProperty(name);
    this.#scheduleUpdate();
  }

  disconnectedCallback(): void {
    // Moving the element (removed and inserted in one go) keeps everything.
    queueMicrotask(() => {
      if (!this.isConnected) this.#teardown();
    });
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    if (oldValue === newValue) return;
    if (name === 'token' && newValue !== null) {
      this.#warn(
        'the token attribute is ignored (it would sit in the page for anyone to read): set the `token` property.',
      );
    }
    this.#scheduleUpdate();
  }

  /** Warns once per message, naming the element. */
  protected warnOnce(message: string): void {
    this.#warn(message);
  }

  #warn = (message: string): void => {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    console.warn(`<${this.localName}>: ${message}`);
  };

  #upgradeProperty(name: string): void {
    // A page may set a property before the element was defined: it then sits
    // on the instance and hides the setter; replay it through the setter.
    if (!Object.hasOwn(this, name)) return;
    const self = this as unknown as Record<string, unknown>;
    const value = self[name];
    Reflect.deleteProperty(self, name);
    self[name] = value;
  }

  #scheduleUpdate(): void {
    if (this.#updateQueued) return;
    this.#updateQueued = true;
    queueMicrotask(() => {
      this.#updateQueued = false;
      if (this.isConnected) this.#update();
    });
  }

  #update(): void {
    parseTheme(this.getAttribute('theme'), this.#warn); // CSS applies it; this only warns
    const properties = {
      clientInput: this.#clientInput,
      token: this.#token,
      thresholds: this.#thresholds,
    };
    const spec = readClientSpec(this, properties, this.#warn);
    const registry = (this.constructor as typeof SessionHeartbeatElement).registry;
    if (spec === undefined) {
      this.#lease?.release();
      this.#lease = undefined;
    } else {
      this.#lease = this.#lease === undefined ? registry.acquire(spec) : this.#lease.moveTo(spec);
      this.#lease.setThresholds(readThresholds(this, properties, this.#warn));
    }
    this.#render();
  }

  #render(): void {
    const lease = this.#lease;
    if (lease === undefined) {
      this.#root?.render(null);
      return;
    }
    this.#root ??= createRoot(this.#mount);
    this.#root.render(
      <HeartbeatProvider client={lease.client}>
        {this.renderView({
          portal: this.#portal,
          dispatchSelect: (sessionKey) => {
            this.#dispatch('session-select', { sessionKey }, false);
          },
          // Cancelable: a host that acts on sessions its own way calls preventDefault().
          dispatchAction: (sessionKey, action) => {
            const detail: SessionActionEventDetail = { sessionKey, action };
            return this.#dispatch('session-action', detail, true);
          },
        })}
      </HeartbeatProvider>,
    );
  }

  #dispatch(type: SessionEventType, detail: SessionEventDetail, cancelable: boolean): boolean {
    return this.dispatchEvent(
      new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }),
    );
  }

  #teardown(): void {
    this.#root?.unmount();
    this.#root = undefined;
    this.#lease?.release();
    this.#lease = undefined;
  }
}
