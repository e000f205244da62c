import { needsAttention } from '@session-heartbeat/core';
import {
  useHeartbeatClient,
  useHeartbeatState,
  type HeartbeatState,
} from '@session-heartbeat/react';
import { useEffect, useMemo, useRef, useState, type FocusEvent } from 'react';
import { countNewProblems, NO_NEW_PROBLEMS, type NewProblems } from './count-new-problems';
import { createIdleRelease, DEFAULT_HOLD_TIMERS, type HoldTimers } from './create-idle-release';

interface Hold {
  keys: readonly string[];
  /** The query the held order answered; a new query is never held back. */
  query: string;
  /** The sessions that needed attention when the hold began: not news. */
  troubled: ReadonlySet<string>;
}

export interface HeldOrder {
  /** The order to render: held while the user is in the list, else live. */
  keys: readonly string[];
  /** Sessions that became stalled or unresponsive since the hold began (none when not held). */
  newProblems: NewProblems;
  /** Applies the live order now (the notice's "show"). */
  release: () => void;
  /** Spread on the element the pointer and focus are tracked on. */
  regionProps: {
    onPointerEnter: () => void;
    onPointerLeave: () => void;
    onPointerMove: () => void;
    onKeyDown: () => void;
    onFocus: () => void;
    onBlur: (event: FocusEvent<HTMLElement>) => void;
  };
}

export interface HeldOrderOptions {
  /** The hold lets go after this long without pointer movement or keys, in ms. @default 3000 */
  idleMs?: number;
  /** @default the page's timers */
  timers?: HoldTimers;
}

function troubledKeys(state: HeartbeatState, keys: readonly string[]): ReadonlySet<string> {
  const troubled = new Set<string>();
  for (const key of keys) {
    const health = state.sessions.get(key)?.health;
    if (health !== undefined && needsAttention(health)) troubled.add(key);
  }
  return troubled;
}

/** Encoded as a string so that the selector's answer is a primitive (no render when it holds). */
function newProblemsSelector(hold: Hold | null, liveKeys: readonly string[]) {
  return (state: HeartbeatState): string => {
    if (hold === null) return '';
    const found = countNewProblems(
      hold.troubled,
      liveKeys,
      (key) => state.sessions.get(key)?.health,
    );
    return found.first === undefined
      ? ''
      : `${found.stalled}\n${found.unresponsive}\n${found.first}`;
  };
}

/**
 * Rows must not jump under the user's hand: while the pointer is over the
 * region or focus is inside it, the order on screen is held (rows still
 * update in place). But a hold never hides a new problem for long:
 * `newProblems` counts the sessions that became stalled or unresponsive
 * meanwhile (not every reshuffle), `release()` shows them, and the hold lets
 * go by itself after `idleMs` without pointer movement or keys. `query` names
 * what the order answers (sort, filter, search): when it changes, the new
 * order shows at once.
 */
export function useHeldOrder(
  liveKeys: readonly string[],
  query: string,
  { idleMs = 3000, timers = DEFAULT_HOLD_TIMERS }: HeldOrderOptions = {},
): HeldOrder {
  const client = useHeartbeatClient();
  const [hold, setHold] = useState<Hold | null>(null);
  const pointerInside = useRef(false);
  const focusInside = useRef(false);
  const [idle] = useState(() => createIdleRelease(idleMs, () => setHold(null), timers));
  useEffect(() => () => idle.stop(), [idle]);

  const held = hold !== null && hold.query === query ? hold : null;
  const keys = held === null ? liveKeys : held.keys;
  const selectNewProblems = useMemo(() => newProblemsSelector(held, liveKeys), [held, liveKeys]);
  const encoded = useHeartbeatState(selectNewProblems, 'useHeldOrder');
  const newProblems = useMemo<NewProblems>(() => {
    if (encoded === '') return NO_NEW_PROBLEMS;
    const [stalled = '0', unresponsive = '0', first] = encoded.split('\n');
    return { stalled: Number(stalled), unresponsive: Number(unresponsive), first };
  }, [encoded]);

  function start(): void {
    idle.poke();
    if (held === null) {
      setHold({ keys: liveKeys, query, troubled: troubledKeys(client.store.getState(), liveKeys) });
    }
  }
  function release(): void {
    idle.stop();
    setHold(null);
  }
  function releaseIfOutside(): void {
    if (!pointerInside.current && !focusInside.current) release();
  }
  // Movement inside restarts the idle wait, and a hold that let go holds again.
  function moved(): void {
    if (pointerInside.current || focusInside.current) start();
  }

  return {
    keys,
    newProblems,
    release,
    regionProps: {
      onPointerEnter() {
        pointerInside.current = true;
        start();
      },
      onPointerLeave() {
        pointerInside.current = false;
        releaseIfOutside();
      },
      onPointerMove: moved,
      onKeyDown: moved,
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
