// The Lit chat, reading heartbeats over the OpenClaw gateway's own socket:
// one `createGatewaySource`, handed to both elements (they share it).
import { createGatewaySource } from '@session-heartbeat/openclaw/page';
import './chat-app';

const gatewayUrl = new URL('/', window.location.href);
gatewayUrl.protocol = gatewayUrl.protocol === 'https:' ? 'wss:' : 'ws:';

const app = document.querySelector('heartbeat-chat-app');
if (app !== null) {
  // With a gateway token: createGatewaySource({ url, token }) — it travels in
  // the `connect` frame only, never in the URL.
  app.source = createGatewaySource({ url: gatewayUrl.href });
}
