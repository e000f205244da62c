import { needsAttention, type SessionHealth } from '@session-heartbeat/core';

/** Sessions that became stalled or unresponsive while the order was held. */
export interface NewProblems {
  stalled: number;
  unresponsive: number;
  /** The first of them in the live order: where focus goes when they are shown. */
  first: string | undefined;
}

export const NO_NEW_PROBLEMS: NewProblems = { stalled: 0, unresponsive: 0, first: undefined };

/**
 * What the held order hides that matters: the sessions in `liveKeys` that
 * need attention now and did not when the hold began (`before`). A reshuffle,
 * a session getting better, or one that was already stalled is not counted.
 * One pass over the live order.
 */
export function countNewProblems(
  before: ReadonlySet<string>,
  liveKeys: readonly string[],
  healthOf: (sessionKey: string) => SessionHealth | undefined,
): NewProblems {
  let stalled = 0;
  let unresponsive = 0;
  let first: string | undefined;
  for (const key of liveKeys) {
    const health = healthOf(key);
    if (health === undefined || !needsAttention(health) || before.has(key)) continue;
    if (health === 'unresponsive') unresponsive += 1;
    else stalled += 1;
    first ??= key;
  }
  return stalled + unresponsive === 0 ? NO_NEW_PROBLEMS : { stalled, unresponsive, first };
}

/** "↑ 2 newly stalled — show", "↑ 1 newly unresponsive — show", "↑ 3 new problems — show". */
export function describeNewProblems({ stalled, unresponsive }: NewProblems): string {
  if (unresponsive === 0) return `↑ ${stalled} newly stalled — show`;
  if (stalled === 0) return `↑ ${unresponsive} newly unresponsive — show`;
  return `↑ ${stalled + unresponsive} new problems — show`;
}
