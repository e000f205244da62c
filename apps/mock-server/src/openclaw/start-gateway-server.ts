import {
  DEFAULT_ALLOWED_ORIGINS,
  startHeartbeatServer,
  type RunningHeartbeatServer,
  type StartHeartbeatServerOptions,
} from '@session-heartbeat/emitter/node';
import type { HeartbeatEmitter } from '@session-heartbeat/emitter';
import type { SimulatedGateway } from '../scenarios';
import { attachGatewaySocket, type AttachedGatewaySocket } from './attach-gateway-socket';
import { answerGatewayHttpRequest } from './gateway-http-routes';

export interface StartGatewayServerOptions extends Omit<
  StartHeartbeatServerOptions,
  'emitter' | 'emitterOptions' | 'extend'
> {
  emitter: HeartbeatEmitter;
  gateway: SimulatedGateway;
  /** The gateway socket's upgrade path. @default '/' */
  gatewayPath?: string;
}

export interface RunningGatewayServer extends RunningHeartbeatServer {
  /** e.g. `ws://127.0.0.1:4317/` */
  gatewayUrl: string;
  gatewaySocket: AttachedGatewaySocket;
}

/**
 * The heartbeat contract (HTTP + its WebSocket route) and a gateway-style
 * socket on one HTTP server and one emitter: a dashboard can use either.
 * The gateway's own HTTP routes that the Control UI reads (its bootstrap
 * config, avatar metadata) come before `onRequest` (the static files).
 */
export async function startGatewayServer({
  gateway,
  gatewayPath = '/',
  onRequest,
  ...options
}: StartGatewayServerOptions): Promise<RunningGatewayServer> {
  let gatewaySocket: AttachedGatewaySocket | undefined;
  const running = await startHeartbeatServer({
    ...options,
    onRequest: (req, res) => answerGatewayHttpRequest(req, res) || (onRequest?.(req, res) ?? false),
    extend(server, heartbeat) {
      gatewaySocket = attachGatewaySocket(server, {
        emitter: options.emitter,
        gateway,
        token: options.token,
        allowedOrigins: options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS,
        hostPolicy: heartbeat.hostPolicy,
        path: gatewayPath,
      });
      const attached = gatewaySocket;
      return { upgradePaths: [gatewayPath], close: () => attached.close() };
    },
  });
  if (gatewaySocket === undefined) throw new Error('the gateway socket was not attached');
  return {
    ...running,
    gatewayUrl: `${running.url.replace(/^http/, 'ws')}${gatewayPath}`,
    gatewaySocket,
  };
}
