import { SessionTooltipProvider } from '@session-heartbeat/ui';
import type { ReactNode } from 'react';
import { parseDotSize, type ElementDotSize } from './parse-element-attributes';
import { SessionDotButton } from './session-dot-button';
import { SHARED_ATTRIBUTES } from './read-element-config';
import { SessionHeartbeatElement, type ElementViewContext } from './session-heartbeat-element';
import dotCss from './styles/dot-element.css?inline';

/**
 * `<session-heartbeat-dot session-key="…">`: one session's health as an
 * icon in a line of text (a table's key cell, a chat header), with its
 * details in a tooltip (hover or focus). Inline and as big as the text
 * around it by default. A click dispatches `session-select` and stops
 * there, unless `click-through` lets it reach the row or link around the
 * dot too. Same attributes and properties as `<session-heartbeat-list>`,
 * plus `session-key`, `size` (`text` | `sm` | `md` | `lg`, default `text`)
 * and `click-through`; elements pointed at the same server share one
 * connection.
 *
 * @example
 * <td><session-heartbeat-dot server-url="/" session-key="agent:main:main"></session-heartbeat-dot>
 *   <a href="/chat?session=agent:main:main">agent:main:main</a></td>
 */
export class SessionHeartbeatDotElement extends SessionHeartbeatElement {
  static readonly observedAttributes: readonly string[] = [
    ...SHARED_ATTRIBUTES,
    'session-key',
    'size',
    'click-through',
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

  /** Reflects `size`: `text` is 1em, the size of the text around the dot. @default 'text' */
  get size(): ElementDotSize {
    return parseDotSize(this.getAttribute('size'), () => undefined);
  }
  set size(value: ElementDotSize | null | undefined) {
    if (value === null || value === undefined) this.removeAttribute('size');
    else this.setAttribute('size', value);
  }

  /**
   * Whether a click on the dot also reaches what the dot sits in (the row's
   * own click handler, a link around it). Reflects the boolean attribute
   * `click-through`. @default false (the click selects the session, and
   * stops at the dot)
   */
  get clickThrough(): boolean {
    return this.hasAttribute('click-through');
  }
  set clickThrough(value: boolean | null | undefined) {
    this.toggleAttribute('click-through', value === true);
  }

  /** @internal */
  protected renderView({ portal, dispatchSelect }: ElementViewContext): ReactNode {
    const sessionKey = this.getAttribute('session-key')?.trim() ?? '';
    if (sessionKey === '') return null;
    // A dot sits where a host's stacking contexts are (a sticky table
    // column): its tooltip's portal becomes a manual popover, shown in the
    // top layer while the tooltip is open. Without the Popover API it stays
    // a plain portal.
    if (typeof portal.showPopover === 'function' && !portal.hasAttribute('popover'))
      portal.setAttribute('popover', 'manual');
    const size = parseDotSize(this.getAttribute('size'), (message) => this.warnOnce(message));
    return (
      <SessionTooltipProvider container={portal}>
        <SessionDotButton
          sessionKey={sessionKey}
          size={size}
          clickThrough={this.hasAttribute('click-through')}
          layer={portal}
          onSelect={dispatchSelect}
        />
      </SessionTooltipProvider>
    );
  }
}
