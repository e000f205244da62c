import {
  createHeartbeatEmitter,
  type HealthMonitor,
  type HeartbeatEmitter,
} from '@session-heartbeat/emitter';
import {
  DEFAULT_ALLOWED_ORIGINS,
  startHeartbeatServer,
  type HeartbeatServerLogger,
  type HeartbeatServerOptions,
  type RunningHeartbeatServer,
} from '@session-heartbeat/emitter/node';
import { DEFAULT_INTERVAL_MS } from '@session-heartbeat/core';
import { createFleetPublisher, type FleetPublisher } from '@session-heartbeat/fleet';
import { createControlHandler } from './control/create-control-handler';
import { createMockClock, type MockClock } from './control/create-mock-clock';
import { startGatewayServer } from './openclaw/start-gateway-server';
import {
  isOpenClawScenario,
  scenarioActions,
  MOCK_THRESHOLDS,
  SCENARIO_TOOLS,
  startScenario,
  type RunningScenario,
  type ScenarioName,
} from './scenarios';
import { createStaticHandler } from './static/create-static-handler';

export interface MockServerOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 (the CLI defaults to 4317) */
  port?: number;
  /** Required as `Authorization: Bearer` and in the WebSocket hello when set. @default undefined */
  token?: string;
  /** `openclaw` also serves a gateway-style socket at `/`. @default 'demo' */
  scenario?: ScenarioName;
  /** `load`: number of sessions. @default 1000 */
  sessions?: number;
  /** `load`: transitions per second in total. @default 100 */
  rate?: number;
  /** Periodic emission interval in ms. @default 5000 */
  interval?: number;
  /** Scenario seed. @default 1 */
  seed?: number;
  /** Serve the control API under `/api/mock` (404 without it). @default false */
  control?: boolean;
  /** Origins allowed on top of the defaults ('self' and loopback). @default [] */
  allowOrigins?: readonly string[];
  /** Host names answered on top of loopback ones (others get 421). @default [] */
  allowHosts?: readonly string[];
  /** A built SPA served at `/`. @default undefined */
  staticDir?: string;
  /** Extra headers on every file of `staticDir` (e.g. a `Content-Security-Policy`). @default {} */
  staticHeaders?: Readonly<Record<string, string>>;
  /**
   * Fleet: also publish the sessions to Redis as gateway `source`, for an
   * aggregator. @default undefined (not in a fleet)
   */
  fleet?: { redisUrl: string; source: string };
  /** @default no logging */
  logger?: HeartbeatServerLogger;
  /** Anything else of the adapter (hello timeout, buffer bounds, …) for tests. */
  serverOptions?: Omit<
    HeartbeatServerOptions,
    'token' | 'allowedOrigins' | 'allowedHosts' | 'onApiRequest' | 'logger'
  >;
}

export interface MockServer {
  /** e.g. `http://127.0.0.1:4317` */
  url: string;
  host: string;
  port: number;
  /** `openclaw` only: the gateway-style socket, e.g. `ws://127.0.0.1:4317/`. */
  gatewayUrl?: string;
  emitter: HeartbeatEmitter;
  /** With `fleet`: the link to Redis. */
  publisher?: FleetPublisher;
  /** The emitter's clock: `clock.advance(ms)` (or `POST /api/mock/clock`) moves server time on. */
  clock: MockClock;
  scenario: RunningScenario;
  /** Health on the server: what `GET /metrics` serves, and the thresholds of `/api/sessions/thresholds`. */
  health: HealthMonitor;
  server: RunningHeartbeatServer['server'];
  /** Stops the scenario, closes clients (1001) and the server, disposes the emitter. */
  close(): Promise<void>;
}

/** Starts the real heartbeat server with simulated sessions, in-process. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const clock = createMockClock();
  const scenarioName = options.scenario ?? 'demo';
  let scenario: RunningScenario | undefined;
  const emitter = createHeartbeatEmitter({
    interval: options.interval ?? DEFAULT_INTERVAL_MS,
    now: clock.now,
    // Every action reaches the scenario, which plays the host (nudge, abort, restart).
    actions: scenarioActions(scenarioName),
    onAction: (sessionKey, action) => scenario?.act(sessionKey, action),
  });
  let running: (RunningHeartbeatServer & { gatewayUrl?: string }) | undefined;
  try {
    scenario = startScenario(scenarioName, emitter, {
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.sessions === undefined ? {} : { sessions: options.sessions }),
      ...(options.rate === undefined ? {} : { rate: options.rate }),
    });
    const staticHandler = options.staticDir
      ? createStaticHandler(options.staticDir, { headers: options.staticHeaders ?? {} })
      : undefined;
    const serverOptions = {
      ...options.serverOptions,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      ...(options.token === undefined ? {} : { token: options.token }),
      allowedOrigins: [...DEFAULT_ALLOWED_ORIGINS, ...(options.allowOrigins ?? [])],
      allowedHosts: options.allowHosts ?? [],
      ...(options.control ? { onApiRequest: createControlHandler(emitter, scenario, clock) } : {}),
      ...(staticHandler ? { onRequest: staticHandler } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      // The scenarios' tools become labels of the state-duration histogram.
      health: {
        tools: SCENARIO_TOOLS,
        thresholds: MOCK_THRESHOLDS,
        ...options.serverOptions?.health,
      },
    };
    running = isOpenClawScenario(scenario)
      ? await startGatewayServer({ ...serverOptions, emitter, gateway: scenario.gateway })
      : await startHeartbeatServer({ ...serverOptions, emitter });
  } catch (error) {
    scenario?.stop();
    emitter.dispose();
    throw error;
  }
  const started = running;
  const drivenBy = scenario;
  const publisher =
    options.fleet === undefined
      ? undefined
      : createFleetPublisher({
          hub: emitter,
          ...options.fleet,
          ...(options.logger === undefined ? {} : { logger: options.logger }),
        });
  let closing: Promise<void> | undefined;
  return {
    url: started.url,
    ...(started.gatewayUrl === undefined ? {} : { gatewayUrl: started.gatewayUrl }),
    host: started.host,
    port: started.port,
    emitter,
    ...(publisher === undefined ? {} : { publisher }),
    clock,
    scenario: drivenBy,
    health: started.heartbeat.health,
    server: started.server,
    close() {
      closing ??= (async () => {
        drivenBy.stop();
        await publisher?.close();
        await started.close();
        emitter.dispose();
      })();
      return closing;
    },
  };
}
