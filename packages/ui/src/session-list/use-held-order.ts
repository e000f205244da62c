import { useMemo, useRef, useState, type FocusEvent } from 'react';
import { countPendingMoves } from './count-pending-moves';

interface Hold {
  keys: readonly string[];
  /** The query the held order answered; a new query is never held back. */
  query: string;
}

export interface HeldOrder {
  /** The order to render: held while the user is in the list, else live. */
  keys: readonly string[];
  /** How many changes wait until the hold ends (0 when not held). */
  pendingChanges: number;
  /** Spread on the element the pointer and focus are tracked on. */
  regionProps: {
    onPointerEnter: () => void;
    onPointerLeave: () => void;
    onFocus: () => void;
    onBlur: (event: FocusEvent<HTMLElement>) => void;
  };
}

/**
 * Rows must not jump under the user's hand: while the pointer is over the
 * region or focus is inside it, the order on screen is held (rows still
 * update in place) and the number of waiting changes is reported; leaving
 * applies them. `query` names what the order answers (sort, filter, search):
 * when it changes, the new order shows at once.
 *
 * Everything happens in event handlers: no effect re-synchronises state.
 */
export function useHeldOrder(liveKeys: readonly string[], query: string): HeldOrder {
  const [hold, setHold] = useState<Hold | null>(null);
  const pointerInside = useRef(false);
  const focusInside = useRef(false);

  const held = hold !== null && hold.query === query ? hold : null;
  const keys = held === null ? liveKeys : held.keys;
  const pendingChanges = useMemo(
    () => (held === null ? 0 : countPendingMoves(held.keys, liveKeys)),
    [held, liveKeys],
  );

  function start(): void {
    if (held === null) setHold({ keys: liveKeys, query });
  }
  function releaseIfOutside(): void {
    if (!pointerInside.current && !focusInside.current) setHold(null);
  }

  return {
    keys,
    pendingChanges,
    regionProps: {
      onPointerEnter() {
        pointerInside.current = true;
        start();
      },
      onPointerLeave() {
        pointerInside.current = false;
        releaseIfOutside();
      },
      onFocus() {
        focusInside.current = true;
        start();
      },
      onBlur(event) {
        const next = event.relatedTarget;
        if (next instanceof Node && event.currentTarget.contains(next)) return;
        focusInside.current = false;
        releaseIfOutside();
      },
    },
  };
}
