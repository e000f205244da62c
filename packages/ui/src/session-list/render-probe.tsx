import { createContext, useContext, useEffect, type ReactNode } from 'react';

/** Called with the id of what rendered: a session key, or `'list'` for the list body. */
export type RenderProbe = (id: string) => void;

const RenderProbeContext = createContext<RenderProbe | undefined>(undefined);

/**
 * Counts renders for the measurement stories: each committed render of a
 * list row reports its key, each of the list body reports `'list'`. Not part
 * of the package's API; without a provider nothing is rendered for it at all.
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

function Mark({ probe, id }: { probe: RenderProbe; id: string }) {
  // No dependency list on purpose: this runs once per committed render of its parent.
  useEffect(() => {
    probe(id);
  });
  return null;
}

/**
 * A child to render beside what is counted: it renders, and reports `id`,
 * every time its parent renders. Without a provider it is nothing (no effect
 * in an app that counts nothing).
 */
export function RenderProbeMark({ id }: { id: string }) {
  const probe = useContext(RenderProbeContext);
  return probe === undefined ? null : <Mark probe={probe} id={id} />;
}
