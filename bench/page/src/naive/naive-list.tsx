import {
  classifyHealth,
  sessionComparators,
  lastActivityAt,
  type HealthVerdict,
  type SessionHeartbeat,
  type SortableSession,
} from '@session-heartbeat/core';
import { SessionRow } from '@session-heartbeat/ui';
import { DEMO_THRESHOLDS } from '../demo-defaults';
import type { BatchBody } from './use-refetched-sessions';

interface NaiveRow extends SortableSession {
  heartbeat: SessionHeartbeat;
  verdict: HealthVerdict;
}

/**
 * Every session as a DOM row, re-rendered whole from each fetched body: the
 * same columns and row component as `SessionList` (so the same
 * `data-session-key` / `data-seq` instrumentation reads it), sorted by
 * severity, not virtualized, nothing memoized.
 */
export function NaiveList({ body }: { body: BatchBody | undefined }) {
  const serverNow = body?.serverTime ?? 0;
  const rows: NaiveRow[] = (body?.heartbeats ?? []).map((heartbeat) => {
    const verdict = classifyHealth(heartbeat, {
      serverNow,
      listening: true,
      thresholds: DEMO_THRESHOLDS,
    });
    return {
      sessionKey: heartbeat.sessionKey,
      heartbeat,
      verdict,
      health: verdict.health,
      lastActivityAt: lastActivityAt(heartbeat),
    };
  });
  rows.sort(sessionComparators.severity);
  return (
    <div className="shb-list demo-list">
      <div className="shb-list__header" aria-hidden="true">
        <span />
        <span>Session</span>
        <span>State</span>
        <span>Model</span>
        <span>In state</span>
        <span>Last activity</span>
        <span />
      </div>
      <div className="bench-naive">
        <div role="list" aria-label="Sessions" aria-busy={body === undefined || undefined}>
          {rows.map((row) => (
            <SessionRow
              key={row.sessionKey}
              sessionKey={row.sessionKey}
              heartbeat={row.heartbeat}
              verdict={row.verdict}
              now={serverNow}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
