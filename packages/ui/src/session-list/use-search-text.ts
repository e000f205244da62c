import { defaultSearchText, isApprovalWait, type SessionEntry } from '@session-heartbeat/react';
import { useCallback, useEffect, useRef } from 'react';
import { describeState, HEALTH_LABELS } from '../format/describe-session';
import { NEEDS_APPROVAL } from '../status-dot/approval-words';

/**
 * What the list's search looks in: the client's fields (key, label, model,
 * tool, state, health), the state as the rows say it ("Waiting for the
 * model"), and the host's label (`getLabel`). Stable across renders, so the
 * keys selector keeps its per-session cache; `getLabel` is read through a ref.
 */
export function useSearchText(
  getLabel: ((sessionKey: string) => string | undefined) | undefined,
): (entry: SessionEntry) => string {
  const getLabelRef = useRef(getLabel);
  useEffect(() => {
    getLabelRef.current = getLabel;
  });
  return useCallback(
    (entry: SessionEntry) =>
      [
        defaultSearchText(entry),
        describeState(entry.heartbeat),
        HEALTH_LABELS[entry.health],
        isApprovalWait(entry) ? NEEDS_APPROVAL : '',
        getLabelRef.current?.(entry.sessionKey) ?? '',
      ].join('\n'),
    [],
  );
}
