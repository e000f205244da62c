import * as Tooltip from '@radix-ui/react-tooltip';
import { createContext, useContext, type ReactNode } from 'react';

const InsideProvider = createContext(false);
const PortalContainer = createContext<Element | DocumentFragment | null | undefined>(undefined);

export interface SessionTooltipProviderProps {
  children: ReactNode;
  /**
   * How long the pointer rests on a trigger before its tooltip opens, in ms.
   * @default 300
   */
  delayDuration?: number;
  /**
   * Where tooltips portal to, for every tooltip inside (e.g. a node inside a
   * shadow root, so the tooltip gets its styles). A tooltip's own `container`
   * wins.
   * @default document.body
   */
  container?: Element | DocumentFragment | null;
}

/**
 * Shares one hover delay among many tooltips (moving along a list opens the
 * next tooltip at once) and, optionally, a portal container. `SessionList`
 * renders one; a lone `SessionTooltip` renders its own when there is none.
 */
export function SessionTooltipProvider({
  children,
  delayDuration = 300,
  container,
}: SessionTooltipProviderProps) {
  return (
    <Tooltip.Provider delayDuration={delayDuration} skipDelayDuration={400}>
      <InsideProvider.Provider value={true}>
        <PortalContainer.Provider value={container}>{children}</PortalContainer.Provider>
      </InsideProvider.Provider>
    </Tooltip.Provider>
  );
}

/** Wraps `children` in a provider unless one is already above. */
export function EnsureTooltipProvider({ children }: { children: ReactNode }) {
  return useContext(InsideProvider) ? (
    children
  ) : (
    <SessionTooltipProvider>{children}</SessionTooltipProvider>
  );
}

export function usePortalContainer(): Element | DocumentFragment | null | undefined {
  return useContext(PortalContainer);
}
