import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathOf } from '@session-heartbeat/emitter/node';
import { agentIdentity, DEFAULT_AGENT_ID } from './gateway-catalog';

/** Where the Control UI reads its bootstrap config (`src/gateway/control-ui-contract.ts`). */
export const CONTROL_UI_CONFIG_PATH = '/__openclaw/control-ui-config.json';
const AVATAR_PREFIX = '/avatar/';
const AGENT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

/**
 * The two HTTP routes the Control UI's page reads from the gateway beside
 * its socket: the bootstrap config (assistant name and avatar, before the
 * socket is up) and an agent's avatar metadata (`/avatar/<agentId>?meta=1`,
 * on the Chat view). The simulated agents' avatars are emoji: no image URL.
 * Everything else is left to the next handler (the static files).
 */
export function answerGatewayHttpRequest(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = pathOf(req.url);
  if (path === CONTROL_UI_CONFIG_PATH) {
    const identity = agentIdentity(DEFAULT_AGENT_ID);
    sendJson(res, 200, {
      basePath: '',
      assistantName: identity.name,
      assistantAvatar: identity.avatar,
      assistantAgentId: identity.agentId,
      serverVersion: 'mock',
      localMediaPreviewRoots: [],
      embedSandbox: 'scripts',
      allowExternalEmbedUrls: false,
    });
    return true;
  }
  if (path.startsWith(AVATAR_PREFIX)) {
    const agentId = path.slice(AVATAR_PREFIX.length);
    const wantsMeta = new URL(req.url ?? '/', 'http://localhost').searchParams.get('meta') === '1';
    if (!AGENT_ID.test(agentId) || !wantsMeta) {
      sendJson(res, 404, { error: { code: 'not_found', message: 'no avatar image' } });
      return true;
    }
    sendJson(res, 200, { avatarUrl: null });
    return true;
  }
  return false;
}
