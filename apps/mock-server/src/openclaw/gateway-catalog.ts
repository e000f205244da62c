import { CONTEXT_WINDOWS, rowModel } from '../scenarios/openclaw/create-session-rows';
import type { SimulatedSessionRow } from '../scenarios/openclaw/create-session-rows';

/**
 * The simulated gateway's configuration, as the Control UI reads it:
 * agents, their identities, the model catalog, chat commands, nodes. Agents
 * and models come from the sessions themselves (an agent per `agent:<id>:…`
 * key, its model from its sessions), so every answer agrees with
 * `sessions.list`. Shapes: `src/gateway/protocol/schema/*.ts`.
 */

export const DEFAULT_AGENT_ID = 'main';
export const MAIN_KEY = 'main';
export const MAIN_SESSION_KEY = `agent:${DEFAULT_AGENT_ID}:${MAIN_KEY}`;
export const SESSION_SCOPE = 'per-sender';
export const WORKSPACE_ROOT = '~/.openclaw/workspace';

const IDENTITIES: Readonly<Record<string, { name: string; emoji: string }>> = {
  main: { name: 'Claw', emoji: '🦞' },
  ops: { name: 'Ops', emoji: '🛠️' },
  research: { name: 'Scout', emoji: '🔭' },
  local: { name: 'Local', emoji: '💻' },
  build: { name: 'Builder', emoji: '🏗️' },
  support: { name: 'Helpdesk', emoji: '🎧' },
  home: { name: 'Home', emoji: '🏠' },
  notes: { name: 'Notes', emoji: '📝' },
  digest: { name: 'Digest', emoji: '📰' },
};

const MODEL_NAMES: Readonly<Record<string, { name: string; reasoning: boolean }>> = {
  'anthropic/claude-sonnet-4-5': { name: 'Claude Sonnet 4.5', reasoning: true },
  'anthropic/claude-opus-4-1': { name: 'Claude Opus 4.1', reasoning: true },
  'anthropic/claude-haiku-4-5': { name: 'Claude Haiku 4.5', reasoning: true },
  'openai/gpt-5': { name: 'GPT-5', reasoning: true },
  'openai/gpt-5-mini': { name: 'GPT-5 mini', reasoning: true },
  'ollama/qwen3:32b': { name: 'Qwen3 32B', reasoning: true },
  'ollama/llama3.3:70b': { name: 'Llama 3.3 70B', reasoning: false },
  'google/gemini-2.5-pro': { name: 'Gemini 2.5 Pro', reasoning: true },
};

/** `agent:<id>:…` → `<id>`; other keys (`global`, `unknown`) belong to the default agent. */
export function agentIdOf(sessionKey: string): string {
  const match = /^agent:([a-z0-9][a-z0-9_-]{0,63}):/i.exec(sessionKey);
  return match?.[1]?.toLowerCase() ?? DEFAULT_AGENT_ID;
}

function titleCase(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

export interface AgentIdentity {
  agentId: string;
  name: string;
  avatar: string;
  emoji: string;
}

export function agentIdentity(agentId: string): AgentIdentity {
  const known = IDENTITIES[agentId];
  const name = known?.name ?? titleCase(agentId);
  const emoji = known?.emoji ?? '🤖';
  // The gateway's avatar is an emoji, a short text or an image URL; an emoji here.
  return { agentId, name, avatar: emoji, emoji };
}

/** `agents.list`: one agent per agent id of the listed sessions, the default one first. */
export function agentsList(rows: readonly SimulatedSessionRow[]) {
  const models = new Map<string, string | undefined>();
  models.set(DEFAULT_AGENT_ID, undefined);
  for (const row of rows) {
    if (!row.key.startsWith('agent:')) continue;
    const agentId = agentIdOf(row.key);
    // The agent's primary model: that of its main session, else its first session's.
    const isMain = row.key === `agent:${agentId}:${MAIN_KEY}`;
    if (isMain || models.get(agentId) === undefined)
      models.set(agentId, rowModel(row) ?? models.get(agentId));
  }
  return {
    defaultId: DEFAULT_AGENT_ID,
    mainKey: MAIN_KEY,
    scope: SESSION_SCOPE,
    agents: [...models].map(([id, model]) => {
      const { name, emoji } = agentIdentity(id);
      return {
        id,
        name,
        identity: { name, emoji },
        workspace: id === DEFAULT_AGENT_ID ? WORKSPACE_ROOT : `${WORKSPACE_ROOT}-${id}`,
        ...(model === undefined ? {} : { model: { primary: model } }),
      };
    }),
  };
}

/** `models.list`: the models the sessions use, as `ModelChoice` (`id` without the provider). */
export function modelsList(rows: readonly SimulatedSessionRow[]) {
  const refs = new Set(Object.keys(MODEL_NAMES));
  for (const row of rows) {
    const ref = rowModel(row);
    if (ref !== undefined) refs.add(ref);
  }
  return {
    models: [...refs].sort().map((ref) => {
      const slash = ref.indexOf('/');
      const provider = slash < 0 ? 'openclaw' : ref.slice(0, slash);
      const id = slash < 0 ? ref : ref.slice(slash + 1);
      const known = MODEL_NAMES[ref];
      const contextWindow = CONTEXT_WINDOWS[ref];
      return {
        id,
        name: known?.name ?? id,
        provider,
        ...(contextWindow === undefined ? {} : { contextWindow }),
        ...(known === undefined ? {} : { reasoning: known.reasoning }),
      };
    }),
  };
}

interface CommandArg {
  name: string;
  description: string;
  type: 'string';
  required?: boolean;
}

function command(
  name: string,
  description: string,
  category: string,
  args: CommandArg[] = [],
  textAliases: string[] = [`/${name}`],
) {
  return {
    name,
    nativeName: name,
    textAliases,
    description,
    category,
    source: 'native' as const,
    scope: 'both' as const,
    acceptsArgs: args.length > 0,
    ...(args.length > 0 ? { args } : {}),
  };
}

/** `commands.list`: the chat commands (`src/gateway/protocol/schema/commands.ts`). */
export function commandsList(includeArgs: boolean) {
  const commands = [
    command('help', 'Show the available commands.', 'status'),
    command('status', 'Show the session’s model, tokens and run state.', 'status'),
    command('new', 'Start a new session.', 'session'),
    command('reset', 'Reset the current session.', 'session'),
    command('stop', 'Stop the current run.', 'session'),
    command('compact', 'Compact the session’s context.', 'session'),
    command('model', 'Show or set the model.', 'options', [
      { name: 'model', description: 'provider/model', type: 'string' },
    ]),
    command('think', 'Set the thinking level.', 'options', [
      { name: 'level', description: 'off, low, medium or high', type: 'string' },
    ]),
    command('usage', 'Show token usage.', 'status'),
  ];
  return {
    commands: includeArgs ? commands : commands.map(({ args: _args, ...rest }) => rest),
  };
}

/** `node.list`: a Mac that hosts the canvas (connected) and a phone (paired, away). */
export function nodesList(now: number, startedAt: number) {
  return {
    ts: now,
    nodes: [
      {
        nodeId: 'node-studio-mac',
        displayName: 'studio-mac',
        platform: 'darwin',
        version: '2026.4.12',
        clientId: 'openclaw-macos',
        clientMode: 'node',
        remoteIp: '127.0.0.1',
        deviceFamily: 'Mac',
        caps: ['canvas', 'screen', 'system'],
        commands: ['canvas.present', 'screen.record', 'system.run'],
        paired: true,
        connected: true,
        connectedAtMs: startedAt,
        approvedAtMs: startedAt - 86_400_000 * 12,
      },
      {
        nodeId: 'node-pocket',
        displayName: 'pocket',
        platform: 'ios',
        version: '2026.4.10',
        clientId: 'openclaw-ios',
        clientMode: 'node',
        deviceFamily: 'iPhone',
        caps: ['camera', 'location'],
        commands: ['camera.snap', 'location.get'],
        paired: true,
        connected: false,
        approvedAtMs: startedAt - 86_400_000 * 30,
      },
    ],
  };
}
