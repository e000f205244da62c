import {
  PROTOCOL_VERSION,
  Routes,
  type BatchHeartbeatsBody,
  type SessionHeartbeat,
} from '@session-heartbeat/core';
import { useEffect, useState } from 'react';

/** `GET /api/sessions/heartbeat`, as the wire has it (not validated: the naive way). */
export type BatchBody = BatchHeartbeatsBody<SessionHeartbeat>;

/**
 * The host UI's way (OpenClaw's Control UI reloads `sessions.list` on every
 * `sessions.changed`): the socket is only a change signal, and every change
 * re-fetches every session. To be fair, at most one fetch is in flight, and
 * changes that arrive meanwhile cause one more fetch after it, not one each.
 */
export function useRefetchedSessions(): BatchBody | undefined {
  const [body, setBody] = useState<BatchBody>();
  useEffect(() => {
    let closed = false;
    let inFlight = false;
    let changedMeanwhile = false;

    async function refetch(): Promise<void> {
      if (inFlight) {
        changedMeanwhile = true;
        return;
      }
      inFlight = true;
      try {
        do {
          changedMeanwhile = false;
          const response = await fetch(Routes.batch, { cache: 'no-store' });
          const next = (await response.json()) as BatchBody;
          if (!closed) setBody(next);
        } while (changedMeanwhile && !closed);
      } finally {
        inFlight = false;
      }
    }

    const url = new URL(Routes.socket, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    socket.onopen = () =>
      socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }));
    socket.onmessage = (event: MessageEvent<unknown>) => {
      // Anything but a ping means something changed (the snapshot included).
      if (typeof event.data === 'string' && !event.data.startsWith('{"type":"ping"')) {
        void refetch();
      }
    };
    return () => {
      closed = true;
      socket.close();
    };
  }, []);
  return body;
}
