/**
 * The server half of the hub bench, run in its own process (forked by
 * hub-bench.ts) so that its CPU and memory are measured apart from the
 * clients'. It speaks to the parent over IPC.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SessionState } from '@session-heartbeat/core';
import { createHeartbeatEmitter, type SessionHandle } from '../src/index';
import { startHeartbeatServer } from '../src/node/index';

export interface BenchServerConfig {
  sessions: number;
  rate: number;
  interval: number;
}

export type ParentMessage = { type: 'start' } | { type: 'stop' };

export type ServerMessage =
  | { type: 'ready'; url: string }
  | {
      type: 'report';
      cpuPercent: number;
      rssMaxBytes: number;
      rssEndBytes: number;
      emittedPerSecond: number;
      transitionsPerSecond: number;
      loopDelayP99Ms: number;
      clientCount: number;
      /** Server time of each `GET /metrics` while measuring, in ms: CPU (what it costs) and wall. */
      scrapeCpuMs: number[];
      scrapeMs: number[];
      /** Bytes of the last scrape's body. */
      scrapeBytes: number;
    };

const CYCLE: readonly SessionState[] = [
  'awaiting_model',
  'streaming',
  'tool_exec',
  'awaiting_model',
  'streaming',
  'complete',
  'idle',
];
const TICK_MS = 10;

const send = (message: ServerMessage): void => {
  process.send?.(message);
};

const config = JSON.parse(process.argv[2] ?? '{}') as BenchServerConfig;
const emitter = createHeartbeatEmitter({ interval: config.interval });
const sessions: SessionHandle[] = emitter.batch(() =>
  Array.from({ length: config.sessions }, (_, index) =>
    emitter.session(`agent:load:bench:direct:${String(index).padStart(6, '0')}`, {
      model: 'openai/gpt-5',
    }),
  ),
);
const steps = new Uint8Array(config.sessions);
let emitted = 0;
let transitions = 0;
emitter.subscribe((event) => {
  if (event.type === 'heartbeats') emitted += event.heartbeats.length;
});

const server = await startHeartbeatServer({ emitter, port: 0 });
/*
 * The server time of a scrape: `GET /metrics` is answered synchronously
 * inside the heartbeat routes' `request` listener, so a listener before it
 * and one after it bracket exactly that work (checks, figures, text, write).
 */
const scrapeMs: number[] = [];
const scrapeCpuMs: number[] = [];
let scrapeBytes = 0;
let scrapeStartedAt = 0;
let scrapeCpuStart = process.cpuUsage();
server.server.prependListener('request', (req: IncomingMessage) => {
  if (req.url !== '/metrics') return;
  scrapeCpuStart = process.cpuUsage();
  scrapeStartedAt = performance.now();
});
server.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  if (req.url !== '/metrics') return;
  scrapeMs.push(performance.now() - scrapeStartedAt);
  // CPU time counts what the scrape costs even on a machine busy with other work.
  const cpu = process.cpuUsage(scrapeCpuStart);
  scrapeCpuMs.push((cpu.user + cpu.system) / 1000);
  scrapeBytes = Number(res.getHeader('content-length') ?? 0);
});
send({ type: 'ready', url: server.url });

let cursor = 0;
let owed = 0;
let lastTick = performance.now();
let ticker: NodeJS.Timeout | undefined;
function tick(): void {
  const at = performance.now();
  owed += (config.rate * (at - lastTick)) / 1000;
  lastTick = at;
  const due = Math.floor(owed);
  owed -= due;
  emitter.batch(() => {
    for (let made = 0; made < due; made += 1) {
      const step = steps[cursor] ?? 0;
      const state = CYCLE[step] ?? 'idle';
      steps[cursor] = (step + 1) % CYCLE.length;
      sessions[cursor]?.transition(state, state === 'tool_exec' ? { toolName: 'exec' } : {});
      cursor = (cursor + 1) % config.sessions;
    }
  });
  transitions += due;
}

let cpuStart = process.cpuUsage();
let wallStart = performance.now();
let rssMax = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const rssSampler = setInterval(() => {
  rssMax = Math.max(rssMax, process.memoryUsage.rss());
}, 250);

process.on('message', (message: ParentMessage) => {
  if (message.type === 'start') {
    lastTick = performance.now();
    ticker = setInterval(tick, TICK_MS);
    cpuStart = process.cpuUsage();
    wallStart = performance.now();
    emitted = 0;
    transitions = 0;
    rssMax = process.memoryUsage.rss();
    loopDelay.enable();
    scrapeMs.length = 0;
    scrapeCpuMs.length = 0;
    return;
  }
  clearInterval(ticker);
  clearInterval(rssSampler);
  loopDelay.disable();
  const seconds = (performance.now() - wallStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  send({
    type: 'report',
    cpuPercent: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
    rssMaxBytes: Math.max(rssMax, process.memoryUsage.rss()),
    rssEndBytes: process.memoryUsage.rss(),
    emittedPerSecond: emitted / seconds,
    transitionsPerSecond: transitions / seconds,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    clientCount: server.heartbeat.clientCount,
    scrapeMs,
    scrapeCpuMs,
    scrapeBytes,
  });
  void server.close().then(() => process.exit(0));
});
