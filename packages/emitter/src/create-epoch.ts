/** A random identifier for one run of an emitter. */
export function createEpoch(now: number): string {
  const { crypto } = globalThis;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
