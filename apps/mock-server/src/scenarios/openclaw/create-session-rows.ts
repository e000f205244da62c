import type { GatewaySessionRow } from '@session-heartbeat/openclaw';
import type { Random } from '../create-random';

/**
 * A session-list row with what the Control UI's Sessions table and chat
 * header show beside the fields the bridge reads (`src/gateway/session-utils.ts`
 * builds them from the session store; these are simulated).
 */
export interface SimulatedSessionRow extends GatewaySessionRow {
  sessionId: string;
  channel?: string;
  chatType?: 'direct' | 'group';
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  totalTokensFresh: boolean;
  contextTokens?: number;
  thinkingLevel?: string;
  fastMode?: boolean;
  verboseLevel?: string;
  reasoningLevel?: string;
  runtimeMs?: number;
}

/** What `sessions.patch` may change (the Sessions table's inputs, the chat header's pickers). */
export interface SessionPatch {
  label?: string | null;
  thinkingLevel?: string | null;
  fastMode?: boolean | null;
  verboseLevel?: string | null;
  reasoningLevel?: string | null;
}

/** A reply's token usage, as pi's assistant messages carry it. */
export interface Usage {
  input: number;
  output: number;
  totalTokens: number;
}

/** The window of a model the catalog does not know. */
const DEFAULT_CONTEXT_WINDOW = 128_000;

/** Where the simulated gateway keeps its sessions, as `sessions.list` answers `path`. */
export const SESSION_STORE_PATH = '~/.openclaw/agents/*/sessions/sessions.json';

/** Context windows of the cast's models (tokens), for `contextTokens` and `models.list`. */
export const CONTEXT_WINDOWS: Readonly<Record<string, number>> = {
  'anthropic/claude-sonnet-4-5': 200_000,
  'anthropic/claude-opus-4-1': 200_000,
  'anthropic/claude-haiku-4-5': 200_000,
  'openai/gpt-5': 400_000,
  'openai/gpt-5-mini': 400_000,
  'ollama/qwen3:32b': 40_960,
  'ollama/llama3.3:70b': 131_072,
  'google/gemini-2.5-pro': 1_048_576,
};

const CHANNELS = ['telegram', 'discord', 'slack', 'whatsapp', 'signal', 'webchat'];

export function splitModel(
  model: string | undefined,
): Pick<GatewaySessionRow, 'model' | 'modelProvider'> {
  if (model === undefined) return {};
  const slash = model.indexOf('/');
  return slash < 0
    ? { model }
    : { model: model.slice(slash + 1), modelProvider: model.slice(0, slash) };
}

/** `provider/model` of a row, as the emitter names models. */
export function rowModel(row: GatewaySessionRow | undefined): string | undefined {
  if (row?.model === undefined) return undefined;
  return row.modelProvider === undefined ? row.model : `${row.modelProvider}/${row.model}`;
}

function kindOf(sessionKey: string): GatewaySessionRow['kind'] {
  if (sessionKey === 'global') return 'global';
  if (sessionKey.includes(':group:')) return 'group';
  if (sessionKey.includes(':cron:')) return 'cron';
  return 'direct';
}

function channelOf(sessionKey: string): Pick<SimulatedSessionRow, 'channel' | 'chatType'> {
  const parts = sessionKey.split(':');
  const channel = parts[2];
  if (channel === undefined || !CHANNELS.includes(channel)) return {};
  return { channel, chatType: parts[3] === 'group' ? 'group' : 'direct' };
}

/** A UUID drawn from the seeded random, so that a seed replays the same ids. */
export function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.between(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export interface SessionRows {
  get(sessionKey: string): SimulatedSessionRow | undefined;
  all(): SimulatedSessionRow[];
  list(sessionKey: string, model: string | undefined, label?: string): SimulatedSessionRow;
  unlist(sessionKey: string): boolean;
  /** Changes a row and marks it updated (now, or `at`); nothing for an unknown key. */
  touch(
    sessionKey: string,
    patch: Partial<SimulatedSessionRow>,
    at?: number,
  ): SimulatedSessionRow | undefined;
  setModel(sessionKey: string, model: string): void;
  /**
   * One more answer of `output` tokens: the context grows by the turn (its
   * prompt, tool results and answer), and is compacted when it nears the
   * model's window. Returns the answer's usage, as its message carries it.
   */
  addTurn(sessionKey: string, output: number): Usage;
  patch(sessionKey: string, patch: SessionPatch): SimulatedSessionRow | undefined;
}

/** The simulated gateway's session store: one row per listed session. */
export function createSessionRows(now: () => number, random: Random): SessionRows {
  const rows = new Map<string, SimulatedSessionRow>();

  function touch(sessionKey: string, patch: Partial<SimulatedSessionRow>, at = now()) {
    const row = rows.get(sessionKey);
    if (row === undefined) return undefined;
    const next = { ...row, ...patch, updatedAt: at };
    rows.set(sessionKey, next);
    return next;
  }

  return {
    get: (sessionKey) => rows.get(sessionKey),
    all: () => [...rows.values()],
    list(sessionKey, model, label) {
      const row: SimulatedSessionRow = {
        key: sessionKey,
        kind: kindOf(sessionKey),
        displayName: label ?? sessionKey,
        ...(label === undefined ? {} : { label }),
        updatedAt: now(),
        ...splitModel(model),
        ...(model === undefined ? {} : { contextTokens: CONTEXT_WINDOWS[model] }),
        hasActiveRun: false,
        sessionId: uuidFrom(random),
        ...channelOf(sessionKey),
        inputTokens: 0,
        outputTokens: 0,
        totalTokens: 0,
        totalTokensFresh: true,
      };
      rows.set(sessionKey, row);
      return row;
    },
    unlist: (sessionKey) => rows.delete(sessionKey),
    touch,
    setModel(sessionKey, model) {
      touch(sessionKey, { ...splitModel(model), contextTokens: CONTEXT_WINDOWS[model] });
    },
    addTurn(sessionKey, output) {
      const row = rows.get(sessionKey);
      const window = row?.contextTokens ?? DEFAULT_CONTEXT_WINDOW;
      let context = (row?.totalTokens ?? 0) + random.between(400, 2400) + output;
      // The gateway compacts a context that nears the window (a summary stays).
      if (context > window * 0.8) context = Math.round(window * 0.2);
      const usage = { input: context - output, output, totalTokens: context };
      touch(sessionKey, {
        inputTokens: usage.input,
        outputTokens: output,
        totalTokens: context,
      });
      return usage;
    },
    patch(sessionKey, patch) {
      const row = rows.get(sessionKey);
      if (row === undefined) return undefined;
      const next: SimulatedSessionRow = { ...row, updatedAt: now() };
      if (patch.label !== undefined) {
        // An empty or null label clears it; the display name falls back to the key.
        if (patch.label === null || patch.label.trim() === '') delete next.label;
        else next.label = patch.label.trim();
        next.displayName = next.label ?? row.key;
      }
      // `null` clears a level back to the agent's default (`undefined`, dropped from JSON).
      for (const field of ['thinkingLevel', 'verboseLevel', 'reasoningLevel'] as const) {
        const value = patch[field];
        if (value !== undefined) next[field] = value ?? undefined;
      }
      if (patch.fastMode !== undefined) next.fastMode = patch.fastMode ?? undefined;
      rows.set(sessionKey, next);
      return next;
    },
  };
}
