import { createContext, useContext, useEffect, type ReactNode } from 'react';

/** Called with the id of what rendered: a session key, or `'list'` for the list body. */
export type RenderProbe = (id: string) => void;

const RenderProbeContext = createContext<RenderProbe | undefined>(undefined);

/**
 * Counts renders for a measurement story or test: each committed render of a
 * `SessionRow` reports its key, each of the list body reports `'list'`.
 * Without a provider nothing is counted.
 */
export function RenderProbeProvider({
  probe,
  children,
}: {
  probe: RenderProbe;
  children: ReactNode;
}) {
  return <RenderProbeContext.Provider value={probe}>{children}</RenderProbeContext.Provider>;
}

/** Reports `id` after every commit in which the calling component rendered. */
export function useRenderProbe(id: string): void {
  const probe = useContext(RenderProbeContext);
  // No dependency list on purpose: this runs once per committed render, which is what is counted.
  useEffect(() => {
    probe?.(id);
  });
}
