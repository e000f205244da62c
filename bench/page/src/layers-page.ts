/**
 * The layers under the list, each alone on the main thread, to see where
 * the list page's main-thread time goes (`pnpm bench --layers`):
 *
 * - `?layer=socket`: the WebSocket and `JSON.parse` of every frame, nothing
 *   else: what any in-page client pays before it does anything.
 * - `?layer=decode`: the same through core's `decodeServerFrame` (parse and
 *   check every heartbeat).
 * - `?layer=client`: the real client (`createHeartbeatClient`, the demo's
 *   thresholds, its default connection sharing) with one subscriber that
 *   reads what the list reads in every store update: the severity order and
 *   the counts. No React, no DOM.
 *
 * `window.__layer` tells the driver when the first snapshot is in and how
 * many frames arrived.
 */
import { decodeServerFrame, Routes } from '@session-heartbeat/core';
import { createHeartbeatClient } from '@session-heartbeat/client';
import { DEMO_THRESHOLDS } from './demo-defaults';

interface LayerProbe {
  layer: string;
  ready: boolean;
  /** Good frames heard (every layer counts the same thing, so the loads compare). */
  frames: number;
  /** Order lengths read by the client layer's subscriber (so the reads are not dead code). */
  readLength: number;
}

const probe: LayerProbe = { layer: '', ready: false, frames: 0, readLength: 0 };
(window as unknown as { __layer: LayerProbe }).__layer = probe;

function openSocket(onMessage: (data: string) => void): void {
  const url = new URL(Routes.socket, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  socket.addEventListener('open', () =>
    socket.send(JSON.stringify({ type: 'hello', protocol: 1 })),
  );
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') onMessage(event.data);
  });
}

/** Counts a parsed frame; the first snapshot makes the page ready. */
function heard(frame: unknown): void {
  probe.frames += 1;
  if (
    typeof frame === 'object' &&
    frame !== null &&
    (frame as { type?: unknown }).type === 'snapshot'
  ) {
    probe.ready = true;
  }
}

const layer = new URLSearchParams(window.location.search).get('layer') ?? 'client';
probe.layer = layer;
switch (layer) {
  case 'socket':
    openSocket((data) => {
      heard(JSON.parse(data));
    });
    break;
  case 'decode':
    openSocket((data) => {
      const read = decodeServerFrame(data);
      if (read.ok) heard(read.value);
    });
    break;
  case 'client': {
    const client = createHeartbeatClient({
      baseUrl: window.location.origin,
      transport: 'auto',
      thresholds: DEMO_THRESHOLDS,
    });
    client.store.subscribe((state) => {
      probe.readLength = state.order.severity.length + state.counts.active;
      probe.frames = state.stats.framesReceived;
      if (state.hasSnapshot) probe.ready = true;
    });
    client.start();
    break;
  }
  default:
    throw new Error(`unknown layer ${layer}: socket, decode or client`);
}
