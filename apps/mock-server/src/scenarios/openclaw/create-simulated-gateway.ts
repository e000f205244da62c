import type { HeartbeatEmitter } from '@session-heartbeat/emitter';
import {
  createOpenClawBridge,
  type OpenClawBridge,
  type SessionsListResult,
} from '@session-heartbeat/openclaw';
import type { Random } from '../create-random';
import {
  createSessionRows,
  rowModel,
  uuidFrom,
  type SessionPatch,
  type SimulatedSessionRow,
} from './create-session-rows';
import {
  createSessionTranscripts,
  tokensOf,
  type ReplyEnd,
  type TranscriptMessage,
} from './create-session-transcripts';

/** A raw gateway event, as the gateway broadcasts it (`agent`, `chat`, `heartbeat`, …). */
export type GatewayEventListener = (event: string, payload: unknown) => void;

export type RunEnd = 'end' | 'error' | 'aborted';

/** `sessions.list` as the simulated gateway answers it, with its rows' extra fields. */
export interface SimulatedSessionsList extends SessionsListResult {
  sessions: SimulatedSessionRow[];
}

/**
 * A stand-in for the OpenClaw gateway's run machinery: it numbers each
 * run's `agent` events, derives `chat` events from them the way the gateway
 * does (deltas throttled to one per 150 ms, a final, statuses), keeps the
 * session-list rows and each session's transcript, and hands everything to
 * the bridge first, then to its listeners (the mock's gateway socket).
 *
 * What the gateway sends only to connections that called
 * `sessions.subscribe` (`sessions.changed`, `session.message`) goes to the
 * listeners only: the bridge hears runs from their events, as in the gateway.
 */
export interface SimulatedGateway {
  readonly bridge: OpenClawBridge;
  subscribe(listener: GatewayEventListener): () => void;
  /** `sessions.list` as the gateway would answer it now (every session). */
  sessionsList(): SimulatedSessionsList;
  /** One row, if listed. */
  row(sessionKey: string): SimulatedSessionRow | undefined;
  /** The session's last `limit` transcript messages, oldest first. */
  history(sessionKey: string, limit: number): readonly TranscriptMessage[];
  /** Feeds the current list to the bridge (what a Control UI reload does). */
  syncList(): void;
  listSession(sessionKey: string, model: string | undefined, label?: string): void;
  /** Gives a listed session a couple of turns from before the gateway started (no events). */
  seedHistory(sessionKey: string): void;
  unlistSession(sessionKey: string): void;
  setModel(sessionKey: string, model: string): void;
  /** `sessions.patch`: changes the row and tells subscribers; `undefined` for an unknown key. */
  patchSession(sessionKey: string, patch: SessionPatch): SimulatedSessionRow | undefined;
  /** Starts a run (the user's prompt, lifecycle start, startup status) and returns its id. */
  startRun(sessionKey: string): string;
  /** One more `agent` event of a run. */
  agent(runId: string, stream: string, data: Record<string, unknown>): void;
  /** A token of the run's answer: an assistant delta, and a throttled chat delta. */
  token(runId: string): void;
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
  /** The answer the run streams, then what is left of it. */
  pending: string;
  chatDeltaAt: number;
  failed: boolean;
}

const PROVIDER_ERROR = 'provider overloaded (529)';

const CHAT_DELTA_THROTTLE_MS = 150;

/** The row's fields that `sessions.changed` carries flat (`src/gateway/server-session-events.ts`). */
function rowSnapshot(row: SimulatedSessionRow | undefined): Record<string, unknown> {
  if (row === undefined) return {};
  const { key: _key, ...fields } = row;
  return fields;
}

export function createSimulatedGateway(
  emitter: HeartbeatEmitter,
  now: () => number,
  random: Random,
  /** Draws ids and words; separate from `random` so the run ids stay as they were. */
  transcriptRandom: Random,
): SimulatedGateway {
  const bridge = createOpenClawBridge(emitter);
  const listeners = new Set<GatewayEventListener>();
  const rows = createSessionRows(now, transcriptRandom);
  const transcripts = createSessionTranscripts(now, transcriptRandom);
  const runs = new Map<string, SimulatedRun>();

  function tell(event: string, payload: unknown): void {
    for (const listener of [...listeners]) listener(event, payload);
  }

  function emit(event: string, payload: unknown): void {
    bridge.handleEvent(event, payload);
    tell(event, payload);
  }

  function sessionsChanged(sessionKey: string, detail: Record<string, unknown>): void {
    tell('sessions.changed', {
      sessionKey,
      ...detail,
      ts: now(),
      ...rowSnapshot(rows.get(sessionKey)),
    });
  }

  function record(sessionKey: string, message: TranscriptMessage): void {
    const { id, seq } = message.__openclaw;
    const row = rows.get(sessionKey);
    tell('session.message', {
      sessionKey,
      message,
      messageId: id,
      messageSeq: seq,
      ...(row === undefined ? {} : { session: row }),
    });
    sessionsChanged(sessionKey, { phase: 'message', messageId: id, messageSeq: seq });
  }

  function agent(runId: string, stream: string, data: Record<string, unknown>): void {
    const run = runs.get(runId);
    if (run === undefined) return;
    run.seq += 1;
    emit('agent', { runId, seq: run.seq, stream, ts: now(), data, sessionKey: run.sessionKey });
    if (stream !== 'tool' || typeof data.toolCallId !== 'string') return;
    const toolName = typeof data.name === 'string' ? data.name : 'tool';
    const model = rowModel(rows.get(run.sessionKey));
    if (data.phase === 'start')
      record(
        run.sessionKey,
        transcripts.toolCall(run.sessionKey, data.toolCallId, toolName, model),
      );
    if (data.phase === 'result')
      record(run.sessionKey, transcripts.toolResult(run.sessionKey, data.toolCallId, toolName));
  }

  function chat(runId: string, state: string, extra: Record<string, unknown> = {}): void {
    const run = runs.get(runId);
    if (run === undefined) return;
    emit('chat', { runId, sessionKey: run.sessionKey, seq: run.seq, state, ...extra });
  }

  function message(text: string): Record<string, unknown> {
    return { role: 'assistant', content: [{ type: 'text', text }], timestamp: now() };
  }

  function reply(run: SimulatedRun, end: ReplyEnd): void {
    const model = rowModel(rows.get(run.sessionKey));
    const text = run.text.trim();
    const usage = rows.addTurn(run.sessionKey, tokensOf(text));
    record(run.sessionKey, transcripts.reply(run.sessionKey, text, model, end, usage));
  }

  return {
    bridge,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sessionsList() {
      const sessions = rows.all();
      return { ts: now(), count: sessions.length, sessions };
    },
    row: (sessionKey) => rows.get(sessionKey),
    history: (sessionKey, limit) => transcripts.history(sessionKey, limit),
    syncList() {
      bridge.sessionList(this.sessionsList());
    },
    listSession(sessionKey, model, label) {
      rows.list(sessionKey, model, label);
      sessionsChanged(sessionKey, { reason: 'create' });
    },
    seedHistory(sessionKey) {
      const row = rows.get(sessionKey);
      if (row === undefined) return;
      const lastAt = transcripts.seed(sessionKey, rowModel(row), (output) =>
        rows.addTurn(sessionKey, output),
      );
      // Last updated when its last answer came, not when the mock started.
      if (lastAt !== undefined) rows.touch(sessionKey, {}, lastAt);
    },
    unlistSession(sessionKey) {
      if (!rows.unlist(sessionKey)) return;
      transcripts.forget(sessionKey);
      sessionsChanged(sessionKey, { reason: 'deleted' });
    },
    setModel(sessionKey, model) {
      rows.setModel(sessionKey, model);
    },
    patchSession(sessionKey, patch) {
      const row = rows.patch(sessionKey, patch);
      if (row !== undefined) sessionsChanged(sessionKey, { reason: 'patch' });
      return row;
    },
    startRun(sessionKey) {
      const runId = uuidFrom(random);
      const turn = transcripts.prompt(sessionKey);
      runs.set(runId, {
        sessionKey,
        seq: 0,
        text: '',
        pending: turn.answer,
        chatDeltaAt: -Infinity,
        failed: false,
      });
      rows.touch(sessionKey, {
        status: 'running',
        startedAt: now(),
        hasActiveRun: true,
        lastActivityAt: now(),
      });
      record(sessionKey, turn.message);
      agent(runId, 'lifecycle', { phase: 'start', startedAt: now() });
      sessionsChanged(sessionKey, { phase: 'start', runId });
      for (const phase of ['preparing_context', 'starting_model']) {
        agent(runId, 'run_status', { phase });
        chat(runId, 'status', { phase });
      }
      return runId;
    },
    agent,
    token(runId) {
      const run = runs.get(runId);
      if (run === undefined) return;
      // The answer streams a token (≤ 4 characters) at a time; a long stream goes on.
      if (run.pending === '') run.pending = ` ${transcripts.followUp()}`;
      const word = /^\s*\S{1,4}/.exec(run.pending)?.[0] ?? run.pending;
      run.pending = run.pending.slice(word.length);
      run.text += word;
      agent(runId, 'assistant', { text: run.text, delta: word });
      if (now() - run.chatDeltaAt >= CHAT_DELTA_THROTTLE_MS) {
        run.chatDeltaAt = now();
        chat(runId, 'delta', { deltaText: word, message: message(run.text) });
      }
      rows.touch(run.sessionKey, { lastActivityAt: now() });
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
      // A finished answer ends its sentence; an aborted or failed one stops where it was.
      if (how === 'end') run.text += run.pending;
      if (how === 'aborted') chat(runId, 'aborted', { stopReason: 'user' });
      if (how === 'error') {
        if (!run.failed) agent(runId, 'lifecycle', { phase: 'error', error: PROVIDER_ERROR });
        chat(runId, 'error', { errorMessage: PROVIDER_ERROR, errorKind: 'unknown' });
      } else {
        agent(runId, 'lifecycle', { phase: 'end' });
        if (how === 'end') chat(runId, 'final', { stopReason: 'stop', message: message(run.text) });
      }
      runs.delete(runId);
      const startedAt = rows.get(run.sessionKey)?.startedAt;
      rows.touch(run.sessionKey, {
        status: how === 'end' ? 'done' : how === 'aborted' ? 'killed' : 'failed',
        endedAt: now(),
        ...(startedAt === undefined ? {} : { runtimeMs: now() - startedAt }),
        hasActiveRun: false,
      });
      reply(run, how === 'end' ? 'stop' : how === 'aborted' ? 'aborted' : 'error');
      sessionsChanged(run.sessionKey, { phase: how === 'error' ? 'error' : 'end', runId });
    },
    broadcast: tell,
  };
}
