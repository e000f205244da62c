import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Routes } from '@session-heartbeat/core';
import {
  attachHeartbeatServer,
  DEFAULT_ALLOWED_ORIGINS,
  pathOf,
  sendError,
  type AttachedHeartbeatServer,
  type RunningHeartbeatServer,
  type StartHeartbeatServerOptions,
} from '@session-heartbeat/emitter/node';
import type { HeartbeatEmitter } from '@session-heartbeat/emitter';
import type { SimulatedGateway } from '../scenarios';
import { attachGatewaySocket, type AttachedGatewaySocket } from './attach-gateway-socket';

export interface StartGatewayServerOptions extends Omit<
  StartHeartbeatServerOptions,
  'emitter' | 'emitterOptions'
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
 * (`startHeartbeatServer` refuses every other upgrade path, hence this.)
 */
export async function startGatewayServer(
  options: StartGatewayServerOptions,
): Promise<RunningGatewayServer> {
  const {
    host = '127.0.0.1',
    port = 0,
    onRequest,
    emitter,
    gateway,
    gatewayPath = '/',
    ...serverOptions
  } = options;
  const server = createServer();
  const heartbeat: AttachedHeartbeatServer = attachHeartbeatServer(server, emitter, serverOptions);
  const gatewaySocket = attachGatewaySocket(server, {
    emitter,
    gateway,
    token: serverOptions.token,
    allowedOrigins: serverOptions.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS,
    path: gatewayPath,
  });

  server.on('request', (req, res) => {
    if (heartbeat.handleRequest(req, res)) return;
    try {
      if (onRequest?.(req, res)) return;
    } catch (error) {
      serverOptions.logger?.error?.('request handler failed', error);
      sendError(res, 500, 'internal_error', 'the request failed');
      return;
    }
    sendError(res, 404, 'not_found', 'not found');
  });
  server.on('upgrade', (req, socket) => {
    const path = pathOf(req.url);
    if (path === Routes.socket || path === gatewayPath) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await Promise.all([heartbeat.close(), gatewaySocket.close()]);
    throw error;
  });

  const address = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    gatewayUrl: `ws://${urlHost}:${address.port}${gatewayPath}`,
    host,
    port: address.port,
    server,
    emitter,
    heartbeat,
    gatewaySocket,
    close() {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([heartbeat.close(), gatewaySocket.close()]);
        server.closeAllConnections();
        await serverClosed;
      })();
      return closing;
    },
  };
}
