import type { SessionAction, SessionFilter } from '@session-heartbeat/react';
import { HEALTH_LABELS } from '../format/describe-session';
import { actionWords } from '../session-row/action-words';

const numbers = new Intl.NumberFormat('en-US');

/** How many names the confirm lists before "and N more". */
export const NAMES_LISTED = 3;

/** What a bulk action's confirm says about the set: "stalled", "matching “gpt”". */
export interface BulkSetWords {
  /** Before "sessions": the health filter, e.g. `stalled`. */
  adjective?: string | undefined;
  /** After "sessions": e.g. `that need approval`, `matching “gpt”`. */
  qualifier?: string | undefined;
}

/**
 * How a bulk action's confirm names the set a filter, search and source show:
 * "stalled sessions matching “gpt”", "sessions waiting for approval from gw-eu".
 */
export function bulkSetWords(
  filter: SessionFilter,
  search: string,
  source?: string | undefined,
): BulkSetWords {
  const after = [
    filter === 'needs_approval' ? 'waiting for approval' : undefined,
    search.trim() === '' ? undefined : `matching “${search.trim()}”`,
    source === undefined ? undefined : `from ${source}`,
  ].filter((words) => words !== undefined);
  const adjective =
    filter === 'all' || filter === 'needs_approval'
      ? undefined
      : filter === 'running'
        ? 'running'
        : HEALTH_LABELS[filter].toLowerCase();
  return { adjective, qualifier: after.length === 0 ? undefined : after.join(' and ') };
}

/** "12 stalled sessions matching “gpt”", "1 session". */
export function countSessions(count: number, words: BulkSetWords = {}): string {
  return [
    numbers.format(count),
    words.adjective,
    count === 1 ? 'session' : 'sessions',
    words.qualifier,
  ]
    .filter((word) => word !== undefined && word !== '')
    .join(' ');
}

/** The bulk confirm's question and effect: "Restart 12 stalled sessions? What each one …". */
export function bulkQuestion(action: SessionAction, count: number, words: BulkSetWords): string {
  const { idle, effect, effectOnEach } = actionWords(action);
  return `${idle} ${countSessions(count, words)}? ${count === 1 ? effect : effectOnEach}`;
}

/** The first few names of the set, then "and 9 more". */
export function listedNames(names: readonly string[]): {
  listed: string[];
  more: string | undefined;
} {
  const rest = names.length - NAMES_LISTED;
  return {
    listed: names.slice(0, NAMES_LISTED),
    more: rest > 0 ? `and ${numbers.format(rest)} more` : undefined,
  };
}

/** Where a bulk action ended. */
export interface BulkOutcome {
  action: SessionAction;
  /** How many it was run on. */
  total: number;
  succeeded: number;
  /** The sessions whose action the server refused, with its reason. */
  failed: readonly { sessionKey: string; reason: string | undefined }[];
  /** Chosen, but fine by the time it was confirmed: left alone. */
  skipped: number;
}

/** "Restarted 11 of 12; 1 failed: agent:ops:main — Gateway timed out" (said and shown). */
export function bulkOutcomeMessage({
  action,
  total,
  succeeded,
  failed,
  skipped,
}: BulkOutcome): string {
  const parts = [
    `${actionWords(action).verbed} ${numbers.format(succeeded)} of ${numbers.format(total)}`,
  ];
  if (failed.length > 0) {
    const named = failed
      .slice(0, NAMES_LISTED)
      .map(({ sessionKey, reason }) =>
        reason === undefined ? sessionKey : `${sessionKey} — ${reason}`,
      );
    const rest = failed.length - named.length;
    parts.push(
      `${numbers.format(failed.length)} failed: ${named.join('; ')}${rest > 0 ? `; and ${numbers.format(rest)} more` : ''}`,
    );
  }
  if (skipped > 0) {
    parts.push(`${numbers.format(skipped)} left alone: no longer needed it`);
  }
  return `${parts.join('; ')}.`;
}

/** While it runs: "Restarting 12 sessions: 5 of 12 done." */
export function bulkProgressMessage(action: SessionAction, settled: number, total: number): string {
  return `${actionWords(action).pending.replace('…', '')} ${countSessions(total)}: ${numbers.format(settled)} of ${numbers.format(total)} done.`;
}
