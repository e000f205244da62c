import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Routes, type HeartbeatHub } from '@session-heartbeat/core';
import { createHeartbeatEmitter } from '../create-heartbeat-emitter';
import type { HeartbeatEmitter, HeartbeatEmitterOptions } from '../types';
import { attachHeartbeatServer, type AttachedHeartbeatServer } from './attach-heartbeat-server';
import { pathOf } from './create-api-handler';
import { refuseUpgrade } from './refuse-upgrade';
import { MISDIRECTED_REQUEST } from './create-host-policy';
import { sendError } from './send-json';
import type { HeartbeatServerOptions } from './resolve-server-options';

export interface StartHeartbeatServerOptions<
  H extends HeartbeatHub = HeartbeatEmitter,
> extends HeartbeatServerOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /**
   * The emitter to serve, or any other hub (the fleet aggregator).
   * @default a new emitter, made with `emitterOptions` and disposed on close
   */
  emitter?: H;
  /** Options of the emitter created when `emitter` is not given. */
  emitterOptions?: HeartbeatEmitterOptions;
  /**
   * Routes outside `/api` (static files, …). Return true if it answers.
   * Unanswered requests get a JSON 404.
   * @default undefined
   */
  onRequest?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * Something else that lives on the same HTTP server, such as another
   * WebSocket route: called once with the server (and the heartbeat routes
   * mounted on it, whose `hostPolicy` it should apply too) before it
   * listens. Upgrades on its `upgradePaths` are left to it (every other path
   * is refused), and its `close` runs when the server closes.
   * @default undefined
   */
  extend?: (server: Server, heartbeat: AttachedHeartbeatServer) => ServerExtension;
}

export interface ServerExtension {
  upgradePaths?: readonly string[];
  close?(): Promise<void>;
}

export interface RunningHeartbeatServer<H extends HeartbeatHub = HeartbeatEmitter> {
  /** e.g. `http://127.0.0.1:4317` */
  url: string;
  host: string;
  port: number;
  server: Server;
  emitter: H;
  heartbeat: AttachedHeartbeatServer;
  /** Closes clients (1001), the server and its connections, and the emitter it created. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts an HTTP server that speaks the heartbeat contract, and nothing else unless `onRequest` adds it. */
export function startHeartbeatServer<H extends HeartbeatHub>(
  options: StartHeartbeatServerOptions<H> & { emitter: H },
): Promise<RunningHeartbeatServer<H>>;
export function startHeartbeatServer(
  options?: StartHeartbeatServerOptions,
): Promise<RunningHeartbeatServer>;
export async function startHeartbeatServer<H extends HeartbeatHub>(
  options: StartHeartbeatServerOptions<H> = {},
): Promise<RunningHeartbeatServer<H>> {
  const {
    host = '127.0.0.1',
    port = 0,
    onRequest,
    extend,
    emitterOptions,
    ...serverOptions
  } = options;
  // Only an emitter made here is disposed here; a given hub stays its owner's.
  const owned = options.emitter === undefined ? createHeartbeatEmitter(emitterOptions) : undefined;
  // Without `emitter`, H is its default, HeartbeatEmitter: the one made here.
  const emitter = (options.emitter ?? owned) as H;
  const server = createServer();
  let heartbeat: AttachedHeartbeatServer;
  let extension: ServerExtension;
  // The address it listens on is a name it answers for (a wildcard is not).
  const listensOn = host === '0.0.0.0' || host === '::' ? [] : [urlHost(host)];
  try {
    heartbeat = attachHeartbeatServer(server, emitter, {
      ...serverOptions,
      allowedHosts: [...(serverOptions.allowedHosts ?? []), ...listensOn],
    });
    extension = extend?.(server, heartbeat) ?? {};
  } catch (error) {
    owned?.dispose();
    throw error;
  }
  const upgradePaths = new Set([Routes.socket, ...(extension.upgradePaths ?? [])]);
  const closeAttached = () => Promise.all([heartbeat.close(), extension.close?.()]);

  let shuttingDown = false;
  server.on('request', (req, res) => {
    // Before anything else: a Host this server does not answer for (DNS rebinding).
    if (!heartbeat.hostPolicy.isAllowed(req.headers.host)) {
      sendError(res, 421, MISDIRECTED_REQUEST.code, MISDIRECTED_REQUEST.message);
      return;
    }
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
  // Upgrades nobody here answers are refused; while shutting down, every
  // upgrade is (those already answered above are left alone).
  server.on('upgrade', (req, socket) => {
    if (!heartbeat.hostPolicy.isAllowed(req.headers.host)) {
      return refuseUpgrade(socket, 421, MISDIRECTED_REQUEST);
    }
    if (shuttingDown) {
      return refuseUpgrade(socket, 503, {
        code: 'unavailable',
        message: 'the server is shutting down',
      });
    }
    if (upgradePaths.has(pathOf(req.url))) return;
    refuseUpgrade(socket, 404);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await closeAttached();
    owned?.dispose();
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
        shuttingDown = true;
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        await closeAttached();
        server.closeAllConnections();
        await serverClosed;
        owned?.dispose();
      })();
      return closing;
    },
  };
}
