import { type ConnectionStatusKind, useConnectionStatus } from '@session-heartbeat/react';

const WORDS: Record<ConnectionStatusKind, string> = {
  stopped: 'Stopped',
  connecting: 'Connecting',
  live: 'Live',
  polling: 'Polling',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  unauthorized: 'Not authorized',
};

/** The connection in one word, next to the last-update time (the banner says more). */
export function ConnectionPill() {
  const status = useConnectionStatus();
  return (
    <span className="demo-pill" data-state={status.kind}>
      <span className="demo-pill__dot" aria-hidden="true" />
      {WORDS[status.kind]}
    </span>
  );
}
