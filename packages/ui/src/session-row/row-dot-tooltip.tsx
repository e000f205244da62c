import { useState, type ReactNode } from 'react';
import { SessionTooltip } from '../session-tooltip/session-tooltip';

export interface RowDotTooltipProps {
  /** The session the row shows: the tooltip is open for one session at most. */
  sessionKey: string;
  /** The tooltip's content. */
  content: ReactNode;
  /** The dot. */
  children: ReactNode;
  tabbable: boolean;
}

/**
 * A row's dot as a button with the session's tooltip. `SessionList` reuses a
 * row for another session when the order changes: the open state belongs to
 * the session it was opened for, so a reused row never shows it for the next.
 */
export function RowDotTooltip({ sessionKey, content, children, tabbable }: RowDotTooltipProps) {
  const [openFor, setOpenFor] = useState<string>();
  return (
    <SessionTooltip
      content={content}
      side="right"
      align="start"
      open={openFor === sessionKey}
      onOpenChange={(open) => setOpenFor(open ? sessionKey : undefined)}
    >
      <button type="button" className="shb-row__dot-button" tabIndex={tabbable ? 0 : -1}>
        {children}
      </button>
    </SessionTooltip>
  );
}
