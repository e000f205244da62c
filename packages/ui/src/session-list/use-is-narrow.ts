import { useSyncExternalStore } from 'react';

/** Nothing to observe (no element yet, or no ResizeObserver): nothing to stop. */
const NO_SUBSCRIPTION = (): void => undefined;

/**
 * Below this width (px) a row is two lines. The same number as the
 * `@container shb-list (max-width: 559px)` rule in styles.css: CSS lays the
 * row out, this tells the virtualizer its height.
 */
export const NARROW_LIST_WIDTH = 560;

/** Whether `element` is narrower than `NARROW_LIST_WIDTH`, followed with a ResizeObserver. */
export function useIsNarrow(element: HTMLElement | null): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (element === null || typeof ResizeObserver === 'undefined') return NO_SUBSCRIPTION;
      const observer = new ResizeObserver(onChange);
      observer.observe(element);
      return () => observer.disconnect();
    },
    () => element !== null && element.clientWidth > 0 && element.clientWidth < NARROW_LIST_WIDTH,
    () => false,
  );
}
