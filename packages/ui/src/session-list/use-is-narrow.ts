import { useMemo, useSyncExternalStore } from 'react';

/**
 * Below this width (px) a row is two lines. The same number as the
 * `@container shb-list (max-width: 559px)` rule in styles.css: CSS lays the
 * row out, this tells the virtualizer its height.
 */
export const NARROW_LIST_WIDTH = 560;

function isNarrow(width: number): boolean {
  return width > 0 && width < NARROW_LIST_WIDTH;
}

/** Nothing to observe (no element yet, or no ResizeObserver): nothing to stop. */
const NO_SUBSCRIPTION = (): void => undefined;

/**
 * An element's narrowness as an external store: the width is read once, when
 * it is first asked, and then taken from the ResizeObserver's entries.
 * Reading `clientWidth` in every snapshot forced a layout in every frame of
 * a busy list (≈ 70 ms/s at 10,000 sessions and 5,000 heartbeats/s).
 */
function narrownessOf(element: HTMLElement | null) {
  let narrow: boolean | undefined;
  return {
    subscribe(onChange: () => void): () => void {
      if (element === null || typeof ResizeObserver === 'undefined') return NO_SUBSCRIPTION;
      const observer = new ResizeObserver((entries) => {
        const entry = entries[entries.length - 1];
        if (entry === undefined) return;
        narrow = isNarrow(entry.contentRect.width);
        onChange();
      });
      observer.observe(element);
      return () => observer.disconnect();
    },
    snapshot(): boolean {
      narrow ??= element !== null && isNarrow(element.clientWidth);
      return narrow;
    },
  };
}

const serverSnapshot = (): boolean => false;

/** Whether `element` is narrower than `NARROW_LIST_WIDTH`, followed with a ResizeObserver. */
export function useIsNarrow(element: HTMLElement | null): boolean {
  const store = useMemo(() => narrownessOf(element), [element]);
  return useSyncExternalStore(store.subscribe, store.snapshot, serverSnapshot);
}
