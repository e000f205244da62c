import type { HeartbeatEmitter } from '@session-heartbeat/emitter';
import {
  createOpenClawBridge,
  type GatewaySessionRow,
  type OpenClawBridge,
  type SessionsListResult,
} from '@session-heartbeat/openclaw';
import type { Random } from '../create-random';

/** A raw gateway event, as the gateway broadcasts it (`agent`, `chat`, `heartbeat`, …). */
export type GatewayEventListener = (event: string, payload: unknown) => void;

export type RunEnd = 'end' | 'error' | 'aborted';

/**
 * A stand-in for the OpenClaw gateway's run machinery: it numbers each
 * run's `agent` events, derives `chat` events from them the way the gateway
 * does (deltas throttled to one per 150 ms, a final, statuses), keeps the
 * session-list rows, and hands everything to the bridge first, then to its
 * listeners (the mock's gateway socket).
 */
export interface SimulatedGateway {
  readonly bridge: OpenClawBridge;
  subscribe(listener: GatewayEventListener): () => void;
  /** `sessions.list` as the gateway would answer it now. */
  sessionsList(): SessionsListResult;
  /** Feeds the current list to the bridge (what a Control UI reload does). */
  syncList(): void;
  listSession(sessionKey: string, model: string | undefined, label?: string): void;
  unlistSession(sessionKey: string): void;
  setModel(sessionKey: string, model: string): void;
  /** Starts a run (lifecycle start, startup status) and returns its id. */
  startRun(sessionKey: string): string;
  /** One more `agent` event of a run. */
  agent(runId: string, stream: string, data: Record<string, unknown>): void;
  /** A token: an assistant delta, and a throttled chat delta. */
  token(runId: string, word: string): void;
  /** The run fails (lifecycle error); the gateway holds the chat error back while it may retry. */
  failRun(runId: string): void;
  /** The gateway retries a failed run under the same id. */
  retryRun(runId: string): void;
  /** Ends a run: done, aborted by the user, or failed for good (the chat error goes out). */
  endRun(runId: string, how: RunEnd): void;
  /** Broadcasts an event that is not about a run (the gateway's own `heartbeat`, …). */
  broadcast(event: string, payload: unknown): void;
}

interface SimulatedRun {
  sessionKey: string;
  seq: number;
  text: string;
  chatDeltaAt: number;
  failed: boolean;
}

const PROVIDER_ERROR = 'provider overloaded (529)';

const CHAT_DELTA_THROTTLE_MS = 150;

function splitModel(model: string | undefined): Pick<GatewaySessionRow, 'model' | 'modelProvider'> {
  if (model === undefined) return {};
  const slash = model.indexOf('/');
  return slash < 0
    ? { model }
    : { model: model.slice(slash + 1), modelProvider: model.slice(0, slash) };
}

function kindOf(sessionKey: string): GatewaySessionRow['kind'] {
  if (sessionKey === 'global') return 'global';
  if (sessionKey.includes(':group:')) return 'group';
  if (sessionKey.includes(':cron:')) return 'cron';
  return 'direct';
}

/** A run id shaped like the gateway's (a UUID), drawn from the seeded random. */
function runIdFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.between(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export function createSimulatedGateway(
  emitter: HeartbeatEmitter,
  now: () => number,
  random: Random,
): SimulatedGateway {
  const bridge = createOpenClawBridge(emitter);
  const listeners = new Set<GatewayEventListener>();
  const rows = new Map<string, GatewaySessionRow>();
  const runs = new Map<string, SimulatedRun>();

  function emit(event: string, payload: unknown): void {
    bridge.handleEvent(event, payload);
    for (const listener of [...listeners]) listener(event, payload);
  }

  function touch(sessionKey: string, patch: Partial<GatewaySessionRow>): void {
    const row = rows.get(sessionKey);
    if (row !== undefined) rows.set(sessionKey, { ...row, ...patch, updatedAt: now() });
  }

  function agent(runId: string, stream: string, data: Record<string, unknown>): void {
    const run = runs.get(runId);
    if (run === undefined) return;
    run.seq += 1;
    emit('agent', { runId, seq: run.seq, stream, ts: now(), data, sessionKey: run.sessionKey });
  }

  function chat(runId: string, state: string, extra: Record<string, unknown> = {}): void {
    const run = runs.get(runId);
    if (run === undefined) return;
    emit('chat', { runId, sessionKey: run.sessionKey, seq: run.seq, state, ...extra });
  }

  function message(text: string): Record<string, unknown> {
    return { role: 'assistant', content: [{ type: 'text', text }], timestamp: now() };
  }

  return {
    bridge,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sessionsList() {
      const sessions = [...rows.values()];
      return { ts: now(), count: sessions.length, sessions };
    },
    syncList() {
      bridge.sessionList(this.sessionsList());
    },
    listSession(sessionKey, model, label) {
      rows.set(sessionKey, {
        key: sessionKey,
        kind: kindOf(sessionKey),
        displayName: label ?? sessionKey,
        ...(label === undefined ? {} : { label }),
        updatedAt: now(),
        ...splitModel(model),
        hasActiveRun: false,
      });
    },
    unlistSession(sessionKey) {
      rows.delete(sessionKey);
    },
    setModel(sessionKey, model) {
      touch(sessionKey, splitModel(model));
    },
    startRun(sessionKey) {
      const runId = runIdFrom(random);
      runs.set(runId, { sessionKey, seq: 0, text: '', chatDeltaAt: -Infinity, failed: false });
      touch(sessionKey, {
        status: 'running',
        startedAt: now(),
        hasActiveRun: true,
        lastActivityAt: now(),
      });
      agent(runId, 'lifecycle', { phase: 'start', startedAt: now() });
      for (const phase of ['preparing_context', 'starting_model']) {
        agent(runId, 'run_status', { phase });
        chat(runId, 'status', { phase });
      }
      return runId;
    },
    agent,
    token(runId, word) {
      const run = runs.get(runId);
      if (run === undefined) return;
      run.text += word;
      agent(runId, 'assistant', { text: run.text, delta: word });
      if (now() - run.chatDeltaAt >= CHAT_DELTA_THROTTLE_MS) {
        run.chatDeltaAt = now();
        chat(runId, 'delta', { deltaText: word, message: message(run.text) });
      }
      touch(run.sessionKey, { lastActivityAt: now() });
    },
    failRun(runId) {
      const run = runs.get(runId);
      if (run === undefined || run.failed) return;
      run.failed = true;
      agent(runId, 'lifecycle', { phase: 'error', error: PROVIDER_ERROR });
    },
    retryRun(runId) {
      const run = runs.get(runId);
      if (run === undefined || !run.failed) return;
      run.failed = false;
      agent(runId, 'lifecycle', { phase: 'start', startedAt: now() });
      agent(runId, 'run_status', { phase: 'retrying' });
      chat(runId, 'status', { phase: 'starting_model', retry: { attempt: 2, maxAttempts: 3 } });
    },
    endRun(runId, how) {
      const run = runs.get(runId);
      if (run === undefined) return;
      if (how === 'aborted') chat(runId, 'aborted', { stopReason: 'user' });
      if (how === 'error') {
        if (!run.failed) agent(runId, 'lifecycle', { phase: 'error', error: PROVIDER_ERROR });
        chat(runId, 'error', { errorMessage: PROVIDER_ERROR, errorKind: 'unknown' });
      } else {
        agent(runId, 'lifecycle', { phase: 'end' });
        if (how === 'end') chat(runId, 'final', { stopReason: 'stop', message: message(run.text) });
      }
      runs.delete(runId);
      touch(run.sessionKey, {
        status: how === 'end' ? 'done' : how === 'aborted' ? 'killed' : 'failed',
        endedAt: now(),
        hasActiveRun: false,
      });
    },
    broadcast(event, payload) {
      for (const listener of [...listeners]) listener(event, payload);
    },
  };
}
