import { SessionTooltipProvider } from '@session-heartbeat/ui';
import type { StatusDotSize } from '@session-heartbeat/ui';
import type { ReactNode } from 'react';
import { parseDotSize } from './parse-element-attributes';
import { SessionDotButton } from './session-dot-button';
import { SHARED_ATTRIBUTES } from './read-element-config';
import { SessionHeartbeatElement, type ElementViewContext } from './session-heartbeat-element';
import dotCss from './styles/dot-element.css?inline';

/**
 * `<session-heartbeat-dot session-key="…">`: one session's health as a dot,
 * e.g. in a chat header, with its details in a tooltip (hover or focus).
 * A click dispatches `session-select`. Same attributes and properties as
 * `<session-heartbeat-list>`, plus `session-key` and `size` (`sm` | `md` |
 * `lg`, default `md`); elements pointed at the same server share one
 * connection.
 *
 * @example
 * <session-heartbeat-dot server-url="/" session-key="agent:main:main"></session-heartbeat-dot>
 */
export class SessionHeartbeatDotElement extends SessionHeartbeatElement {
  static readonly observedAttributes: readonly string[] = [
    ...SHARED_ATTRIBUTES,
    'session-key',
    'size',
  ];

  constructor() {
    super('dot', [dotCss]);
  }

  /** The session to show. Reflects `session-key`. */
  get sessionKey(): string | null {
    return this.getAttribute('session-key');
  }
  set sessionKey(value: string | null | undefined) {
    if (value === null || value === undefined) this.removeAttribute('session-key');
    else this.setAttribute('session-key', value);
  }

  /** Reflects `size`. @default 'md' */
  get size(): StatusDotSize {
    return parseDotSize(this.getAttribute('size'), () => undefined);
  }
  set size(value: StatusDotSize | null | undefined) {
    if (value === null || value === undefined) this.removeAttribute('size');
    else this.setAttribute('size', value);
  }

  /** @internal */
  protected renderView({ portal, dispatchSessionEvent }: ElementViewContext): ReactNode {
    const sessionKey = this.getAttribute('session-key')?.trim() ?? '';
    if (sessionKey === '') return null;
    const size = parseDotSize(this.getAttribute('size'), (message) => this.warnOnce(message));
    return (
      <SessionTooltipProvider container={portal}>
        <SessionDotButton
          sessionKey={sessionKey}
          size={size}
          onSelect={(key) => dispatchSessionEvent('session-select', key)}
        />
      </SessionTooltipProvider>
    );
  }
}
