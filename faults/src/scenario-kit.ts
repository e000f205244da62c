import {
  controlApi,
  startMockServerProcess,
  type ControlApi,
  type MockServerProcess,
} from '@session-heartbeat/mock-server';
import type { HistoryLimits } from '@session-heartbeat/client';
import { observeClient, type ObservedClient } from './observe-client';
import { sampleRss, type RssSampler } from './read-rss';
import { startFaultProxy, type FaultProxy } from './start-fault-proxy';

/** The promise every scenario checks, after the server is reachable again. */
export const LIVE_WITHIN_MS = 5000;

/** One scenario's figures, as the table prints them. */
export interface ScenarioFigures {
  /** From "the server is reachable again" to live with fresh frames. */
  timeToLiveMs?: number;
  /** The oldest state any session showed over 2 intervals after that, and its limit (2 × interval). */
  maxAgeMs?: number;
  ageLimitMs?: number;
  falseAlarms: number;
  /** Updates where the client could not hear the server but showed a session as anything but unknown. */
  dishonest: number;
  serverRssMb?: number;
  rssBoundMb?: number;
  /** Anything else worth a number (client heap, frames, detection time). */
  note?: string;
  failures: string[];
}

export interface ScenarioResult extends ScenarioFigures {
  name: string;
  where: 'node' | 'chromium';
  /** The time scale it ran at. */
  scale: string;
  wallMs: number;
}

export interface Scenario {
  name: string;
  where: 'node' | 'chromium';
  scale: string;
  run(): Promise<ScenarioFigures>;
}

/** Failures collected instead of thrown, so one scenario reports every broken promise. */
export class Checks {
  readonly failures: string[] = [];

  expect(holds: boolean, message: string): void {
    if (!holds) this.failures.push(message);
  }
}

export const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** A real server, the fault proxy in front of it, and a real client behind the proxy. */
export interface World {
  server: MockServerProcess;
  proxy: FaultProxy;
  rss: RssSampler;
  observed: ObservedClient;
  /** The control API, straight to the server (not through the proxy). */
  control: ControlApi;
  interval: number;
  sessions: number;
  /** kill -9, then the same server again on the same port (a new run: new epoch). */
  killAndRestart(downMs: number): Promise<number>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** @default 1000 */
  interval?: number;
  /** Load sessions, all beating. @default 200 */
  sessions?: number;
  /** Transitions per second, all sessions together. @default 20 */
  rate?: number;
  /** The client's unresponsive limit. @default 3 × interval (the defaults' ratio, 15 s / 5 s) */
  unresponsiveAfterMs?: number;
  /** Sessions that do not keep beating (never a false alarm). */
  isBeating?: (sessionKey: string) => boolean;
  /** The watched client's state history per session. @default the client's */
  history?: HistoryLimits;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const interval = options.interval ?? 1000;
  const sessions = options.sessions ?? 200;
  const flags = {
    scenario: 'load' as const,
    sessions,
    rate: options.rate ?? 20,
    interval,
    control: true,
  };
  let server = await startMockServerProcess(flags);
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port });
  const rss = sampleRss(server.pid);
  const observed = observeClient({
    baseUrl: proxy.url,
    thresholds: { unresponsiveAfterMs: options.unresponsiveAfterMs ?? 3 * interval },
    ...(options.isBeating === undefined ? {} : { isBeating: options.isBeating }),
    ...(options.history === undefined ? {} : { history: options.history }),
  });
  await observed.waitFor((s) => s.status.kind === 'live' && s.sessions.size >= sessions, 20_000);
  return {
    get server() {
      return server;
    },
    proxy,
    rss,
    observed,
    get control() {
      return controlApi(server.url);
    },
    interval,
    sessions,
    async killAndRestart(downMs) {
      const { port } = server;
      await server.kill();
      await sleep(downMs);
      server = await startMockServerProcess({ ...flags, port });
      rss.follow(server.pid);
      return performance.now();
    },
    async close() {
      observed.stop();
      rss.stop();
      await proxy.close();
      await server.stop();
    },
  };
}

/**
 * After the server is reachable again (`since`): how long until the client
 * is live with a frame heard since (`push`: on its WebSocket; `hearing`: live
 * or polling, the data current either way), and the oldest state it shows
 * over the two intervals after that.
 */
export async function measureRecovery(
  world: Pick<World, 'observed' | 'interval'>,
  since: number,
  checks: Checks,
  until: 'push' | 'hearing' = 'push',
): Promise<{ timeToLiveMs: number; maxAgeMs: number; ageLimitMs: number }> {
  const { observed, interval } = world;
  const framesBefore = observed.state().stats.framesReceived;
  const liveAt = await observed
    .waitFor(
      (s) =>
        (s.status.kind === 'live' || (until === 'hearing' && s.status.kind === 'polling')) &&
        s.listening &&
        s.stats.framesReceived > framesBefore,
      20_000,
    )
    .catch(() => Infinity);
  const timeToLiveMs = Math.max(0, liveAt - since);
  checks.expect(
    timeToLiveMs <= LIVE_WITHIN_MS,
    `live ${Math.round(timeToLiveMs)} ms after (> 5 s)`,
  );
  let maxAgeMs = 0;
  const ageLimitMs = 2 * interval;
  for (let waited = 0; waited <= 2 * interval; waited += 100) {
    // The store applies what arrived at the next frame: read after it.
    observed.client.flush();
    maxAgeMs = Math.max(maxAgeMs, observed.maxAgeMs());
    await sleep(100);
  }
  checks.expect(
    maxAgeMs <= ageLimitMs,
    `a session showed a state ${maxAgeMs} ms old (> 2 × interval)`,
  );
  return { timeToLiveMs, maxAgeMs, ageLimitMs };
}

/** Waits until the client says it cannot hear the server; returns how long that took. */
export async function expectDeaf(
  world: Pick<World, 'observed'>,
  since: number,
  withinMs: number,
  checks: Checks,
): Promise<number> {
  const deafAt = await world.observed
    .waitFor((s) => !s.listening && s.status.kind !== 'live', withinMs)
    .catch(() => Infinity);
  checks.expect(Number.isFinite(deafAt), `still claimed to hear the server after ${withinMs} ms`);
  const state = world.observed.state();
  checks.expect(
    state.counts.unknown === state.sessions.size,
    `deaf, yet ${state.sessions.size - state.counts.unknown} sessions not unknown`,
  );
  return deafAt - since;
}

/** The figures every scenario shares: the client's record, and the server's RSS against its bound. */
export function commonFigures(
  world: Pick<World, 'observed' | 'rss'>,
  rssBoundMb: number,
  checks: Checks,
): Pick<ScenarioFigures, 'falseAlarms' | 'dishonest' | 'serverRssMb' | 'rssBoundMb'> {
  const { record } = world.observed;
  checks.expect(
    record.falseAlarms === 0,
    `${record.falseAlarms} false alarms: ${[...record.falseAlarmKeys].slice(0, 3).join(', ')}`,
  );
  checks.expect(record.dishonest === 0, `${record.dishonest} updates not unknown while deaf`);
  const serverRssMb = mb(world.rss.peakBytes);
  checks.expect(serverRssMb <= rssBoundMb, `server RSS ${serverRssMb} MB > ${rssBoundMb} MB`);
  return { falseAlarms: record.falseAlarms, dishonest: record.dishonest, serverRssMb, rssBoundMb };
}
