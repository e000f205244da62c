import type { SessionAction, SessionEntry } from '@session-heartbeat/react';
import { applicableActions } from '../session-row/applicable-actions';

/** One action a person may take on the sessions shown, and the sessions it would do something to. */
export interface BulkActionSet {
  action: SessionAction;
  /** The sessions it applies to, in the order shown. */
  sessionKeys: readonly string[];
}

/**
 * The actions of `offered` that apply to at least one of `shownKeys`, in
 * ladder order, each with the sessions it applies to (`applicableActions`,
 * the rule a row's buttons follow). One pass over the keys: called when a
 * person opens the bulk actions, never in a render.
 */
export function bulkActionSets(
  shownKeys: readonly string[],
  getEntry: (sessionKey: string) => Pick<SessionEntry, 'heartbeat' | 'health'> | undefined,
  offered: readonly SessionAction[],
): BulkActionSet[] {
  const byAction = new Map<SessionAction, string[]>(offered.map((action) => [action, []]));
  for (const sessionKey of shownKeys) {
    const entry = getEntry(sessionKey);
    if (entry === undefined) continue;
    for (const action of applicableActions(offered, entry.heartbeat.state, entry.health)) {
      byAction.get(action)?.push(sessionKey);
    }
  }
  return offered
    .map((action) => ({ action, sessionKeys: byAction.get(action) ?? [] }))
    .filter((set) => set.sessionKeys.length > 0);
}

/** Whether `action` still applies to the session (it may have recovered since it was chosen). */
export function stillApplies(
  action: SessionAction,
  entry: Pick<SessionEntry, 'heartbeat' | 'health'> | undefined,
): boolean {
  return (
    entry !== undefined &&
    applicableActions([action], entry.heartbeat.state, entry.health).length > 0
  );
}
