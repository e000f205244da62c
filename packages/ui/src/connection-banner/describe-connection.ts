import type { ConnectionStatus } from '@session-heartbeat/react';
import { formatDuration } from '../format/format-duration';

/** How loud the banner is. */
export type BannerTone = 'none' | 'info' | 'warning' | 'danger';

export interface ConnectionMessage {
  tone: BannerTone;
  /** The headline: "Reconnecting…", "Not authorized — check the token". */
  title: string;
  /** A countdown that ticks; shown, but not re-announced every second. */
  countdown?: string;
  /** Why dots are grey, when they are. */
  detail?: string;
}

const GREY_DOTS = "Grey dots mean we can't see these sessions right now — not that they stopped.";

/**
 * What the banner says for a connection status. `serverNow` drives the retry
 * countdown (`nextRetryAt` is on the server's clock).
 */
export function describeConnection(status: ConnectionStatus, serverNow: number): ConnectionMessage {
  switch (status.kind) {
    case 'live':
      return { tone: 'none', title: '' };
    case 'connecting':
      return { tone: 'info', title: 'Connecting…', detail: GREY_DOTS };
    case 'polling':
      return {
        tone: 'info',
        title: `Live updates unavailable — polling every ${formatDuration(status.intervalMs)}`,
      };
    case 'reconnecting': {
      const waitMs = status.nextRetryAt - serverNow;
      return {
        tone: 'warning',
        title: 'Reconnecting…',
        // Rounded up to whole seconds: a countdown that says 0 while it still waits would lie.
        countdown:
          waitMs > 0
            ? `(retry in ${formatDuration(Math.ceil(waitMs / 1000) * 1000)})`
            : '(retrying now)',
        detail: GREY_DOTS,
      };
    }
    case 'offline':
      return { tone: 'warning', title: 'Disconnected', detail: `You are offline. ${GREY_DOTS}` };
    case 'unauthorized':
      return { tone: 'danger', title: 'Not authorized — check the token', detail: GREY_DOTS };
    case 'stopped':
      return { tone: 'info', title: 'Disconnected', detail: GREY_DOTS };
    default:
      return status satisfies never;
  }
}
