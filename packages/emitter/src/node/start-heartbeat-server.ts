import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Routes } from '@session-heartbeat/core';
import { createHeartbeatEmitter } from '../create-heartbeat-emitter';
import type { HeartbeatEmitter, HeartbeatEmitterOptions } from '../types';
import { attachHeartbeatServer, type AttachedHeartbeatServer } from './attach-heartbeat-server';
import { pathOf } from './create-api-handler';
import { sendError } from './send-json';
import type { HeartbeatServerOptions } from './resolve-server-options';

export interface StartHeartbeatServerOptions extends HeartbeatServerOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** The emitter to serve. @default a new one, made with `emitterOptions` and disposed on close */
  emitter?: HeartbeatEmitter;
  /** Options of the emitter created when `emitter` is not given. */
  emitterOptions?: HeartbeatEmitterOptions;
  /**
   * Routes outside `/api` (static files, …). Return true if it answers.
   * Unanswered requests get a JSON 404.
   * @default undefined
   */
  onRequest?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface RunningHeartbeatServer {
  /** e.g. `http://127.0.0.1:4317` */
  url: string;
  host: string;
  port: number;
  server: Server;
  emitter: HeartbeatEmitter;
  heartbeat: AttachedHeartbeatServer;
  /** Closes clients (1001), the server and its connections, and the emitter it created. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts an HTTP server that speaks the heartbeat contract, and nothing else unless `onRequest` adds it. */
export async function startHeartbeatServer(
  options: StartHeartbeatServerOptions = {},
): Promise<RunningHeartbeatServer> {
  const { host = '127.0.0.1', port = 0, onRequest, emitterOptions, ...serverOptions } = options;
  const emitter = options.emitter ?? createHeartbeatEmitter(emitterOptions);
  const ownsEmitter = options.emitter === undefined;
  const server = createServer();
  let heartbeat: AttachedHeartbeatServer;
  try {
    heartbeat = attachHeartbeatServer(server, emitter, serverOptions);
  } catch (error) {
    if (ownsEmitter) emitter.dispose();
    throw error;
  }

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
  // This server has no other WebSocket routes: refuse the rest.
  server.on('upgrade', (req, socket) => {
    if (pathOf(req.url) === Routes.socket) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await heartbeat.close();
    if (ownsEmitter) emitter.dispose();
    throw error;
  });

  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${address.port}`,
    host,
    port: address.port,
    server,
    emitter,
    heartbeat,
    close() {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        await heartbeat.close();
        server.closeAllConnections();
        await serverClosed;
        if (ownsEmitter) emitter.dispose();
      })();
      return closing;
    },
  };
}
