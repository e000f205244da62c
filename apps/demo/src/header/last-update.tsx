import { useHeartbeatState, useLastUpdate, useServerNow } from '@session-heartbeat/react';
import { formatAbsoluteTime, formatRelativeTime } from '@session-heartbeat/ui';

/**
 * "Updated 3s ago": when the last frame (pings included) came from the
 * server, on the server's clock. Quiet while fresh; stands out when the
 * dashboard has not heard the server for a while.
 */
export function LastUpdate() {
  const lastUpdateAt = useLastUpdate();
  const listening = useHeartbeatState((state) => state.listening);
  const serverNow = useServerNow();
  if (lastUpdateAt === undefined) {
    return <span className="demo-last-update">Waiting for the first update…</span>;
  }
  return (
    <span className="demo-last-update" data-stale={!listening || undefined}>
      {listening ? 'Updated ' : 'Last update '}
      <time
        dateTime={new Date(lastUpdateAt).toISOString()}
        title={formatAbsoluteTime(lastUpdateAt)}
      >
        {formatRelativeTime(lastUpdateAt, Math.max(serverNow, lastUpdateAt))}
      </time>
    </span>
  );
}
