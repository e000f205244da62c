import { useSessionHealth } from '@session-heartbeat/react';
import { HEALTH_LABELS, SessionTooltip, StatusDot } from '@session-heartbeat/ui';
import { useState, type MouseEvent } from 'react';
import type { ElementDotSize } from './parse-element-attributes';

export interface SessionDotButtonProps {
  sessionKey: string;
  size: ElementDotSize;
  /** Let the click go on to what the dot sits in (a table row, a link). */
  clickThrough: boolean;
  /** Where the tooltip portals to: shown in the top layer while it is open. */
  layer: HTMLElement;
  onSelect: (sessionKey: string) => void;
}

/**
 * Shows the tooltip's layer in the top layer while the tooltip is open
 * (`popover="manual"`, set by the dot element), so that a host's stacking
 * context (a sticky table column) or overflow cannot cover or clip it.
 */
function showLayer(layer: HTMLElement, open: boolean): void {
  if (!layer.hasAttribute('popover') || typeof layer.showPopover !== 'function') return;
  const shown = layer.matches(':popover-open');
  if (open && !shown) layer.showPopover();
  if (!open && shown) layer.hidePopover();
}

/**
 * One session's live dot as a button: its name says the health and the
 * session ("Stalled: agent:main:main"), focus or hover opens the session's
 * details (above everything the host has), and a click selects it. The
 * click ends at the dot unless `clickThrough`: a dot in a row or a link
 * does not also open that row.
 */
export function SessionDotButton({
  sessionKey,
  size,
  clickThrough,
  layer,
  onSelect,
}: SessionDotButtonProps) {
  const { health } = useSessionHealth(sessionKey);
  // Controlled, as ui's rows are: Radix then tells other tooltips of the
  // opening from the event itself. Left to Radix, it does so from an effect
  // that, in the bundle (Preact as React: effects of an earlier commit wait
  // while a re-rendered child runs its own), ran after the new content had
  // started listening, and a tooltip opened by hover closed itself at once
  // (https://github.com/preactjs/preact/issues/3805).
  const [open, setOpen] = useState(false);
  const onClick = (event: MouseEvent) => {
    if (!clickThrough) {
      // React listens at the shadow root's mount: stopping here keeps the
      // click from the host's ancestors, and cancelling it keeps a link
      // around the dot from following (the Control UI's own link handler
      // also skips a click whose default was prevented).
      event.stopPropagation();
      event.preventDefault();
    }
    onSelect(sessionKey);
  };
  return (
    <SessionTooltip
      sessionKey={sessionKey}
      side="bottom"
      align="start"
      container={layer}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        showLayer(layer, next);
      }}
    >
      <button
        type="button"
        className="shb-row__dot-button shb-element-dot"
        data-size={size}
        data-health={health}
        onClick={onClick}
      >
        <StatusDot
          health={health}
          // `text` is drawn 1em wide by the element's stylesheet; `md` is only its fallback.
          size={size === 'text' ? 'md' : size}
          label={`${HEALTH_LABELS[health]}: ${sessionKey}`}
        />
      </button>
    </SessionTooltip>
  );
}
