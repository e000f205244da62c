import * as Tooltip from '@radix-ui/react-tooltip';
import { useRef, type ReactElement, type ReactNode } from 'react';
import { SessionDetails } from './session-details';
import { EnsureTooltipProvider, usePortalContainer } from './session-tooltip-provider';

interface SessionTooltipBaseProps {
  /** The trigger: one element that can hold focus and a ref (a button, a focusable span). */
  children: ReactElement;
  /** Where the tooltip portals to, e.g. a node inside a shadow root. @default the provider's, else document.body */
  container?: Element | DocumentFragment | null;
  /** @default 'top' */
  side?: 'top' | 'right' | 'bottom' | 'left';
  /** @default 'center' */
  align?: 'start' | 'center' | 'end';
  /** Controlled open state. */
  open?: boolean;
  /** @default false */
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
}

export type SessionTooltipProps = SessionTooltipBaseProps &
  (
    | {
        /** The session to describe: its details follow the store, and tick while open. */
        sessionKey: string;
        content?: never;
      }
    | {
        /** What to show instead, e.g. `<SessionDetails … />` with fixed data. */
        content: ReactNode;
        sessionKey?: never;
      }
  );

/**
 * A Radix tooltip with a session's details: state in words, model, tool,
 * elapsed times, last activity, and for a stalled or unresponsive session
 * the reason in plain words. Opens on hover and on keyboard focus; Escape
 * closes it; the content has `role="tooltip"` and describes the trigger.
 * The details are mounted only while open, so a closed tooltip costs nothing.
 *
 * It follows the `data-theme` of its trigger's nearest themed ancestor even
 * when portalled elsewhere.
 *
 * @example
 * <SessionTooltip sessionKey="agent:main:main">
 *   <button type="button">…</button>
 * </SessionTooltip>
 */
export function SessionTooltip({
  children,
  container,
  side = 'top',
  align = 'center',
  open,
  defaultOpen,
  onOpenChange,
  ...contentSource
}: SessionTooltipProps) {
  const providedContainer = usePortalContainer();
  const triggerRef = useRef<HTMLButtonElement>(null);
  // Portalled content leaves the subtree that set the theme: carry it over.
  const adoptTheme = (content: HTMLDivElement | null) => {
    const theme = triggerRef.current?.closest('[data-theme]')?.getAttribute('data-theme');
    if (content !== null && typeof theme === 'string') content.dataset.theme = theme;
  };
  return (
    <EnsureTooltipProvider>
      <Tooltip.Root open={open} defaultOpen={defaultOpen} onOpenChange={onOpenChange}>
        <Tooltip.Trigger asChild ref={triggerRef}>
          {children}
        </Tooltip.Trigger>
        <Tooltip.Portal container={container ?? providedContainer ?? undefined}>
          <Tooltip.Content
            ref={adoptTheme}
            className="shb-tooltip"
            side={side}
            align={align}
            sideOffset={6}
            collisionPadding={8}
          >
            {contentSource.sessionKey === undefined ? (
              contentSource.content
            ) : (
              <SessionDetails sessionKey={contentSource.sessionKey} />
            )}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </EnsureTooltipProvider>
  );
}
