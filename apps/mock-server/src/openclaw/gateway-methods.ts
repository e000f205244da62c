import type { HeartbeatEmitter } from '@session-heartbeat/emitter';
import {
  answerSessionHeartbeatRequest,
  SESSION_HEARTBEAT_WRITE_METHODS,
  SessionHeartbeatMethods,
  type GatewayMethodResult,
  type SessionHeartbeatMethod,
} from '@session-heartbeat/openclaw';
import type { SimulatedGateway } from '../scenarios';
import { SESSION_STORE_PATH, type SessionPatch } from '../scenarios/openclaw/create-session-rows';
import {
  agentIdentity,
  agentIdOf,
  agentsList,
  commandsList,
  DEFAULT_AGENT_ID,
  MAIN_KEY,
  modelsList,
  nodesList,
} from './gateway-catalog';
import { healthSummary, statusSummary } from './gateway-summaries';

/** The gateway's operator scopes (`src/gateway/operator-scopes.ts`). */
export type OperatorScope =
  'operator.admin' | 'operator.read' | 'operator.write' | 'operator.approvals' | 'operator.pairing';

/** One connection past its handshake, as a method sees it. */
export interface GatewayConnection {
  readonly scopes: readonly string[];
  /** Set by `sessions.subscribe`: it then hears `sessions.changed` and `session.message`. */
  subscribed: boolean;
}

export interface GatewayMethodDeps {
  emitter: HeartbeatEmitter;
  gateway: SimulatedGateway;
  now: () => number;
  startedAt: number;
  /** `device.pair.list`: the devices the gateway knows, pending and paired. */
  devicePairing: () => { pending: unknown[]; paired: unknown[] };
}

interface GatewayMethod {
  /** What the gateway requires (`src/gateway/method-scopes.ts`); `undefined`: anyone (`health`). */
  scope: OperatorScope | undefined;
  answer(params: Record<string, unknown>, connection: GatewayConnection): GatewayMethodResult;
}

function ok(payload: unknown): GatewayMethodResult {
  return { ok: true, payload };
}

/** The gateway's error shape for a refused request (`src/gateway/protocol/schema/error-codes.ts`). */
export function invalidRequest(message: string): GatewayMethodResult {
  return { ok: false, error: { code: 'INVALID_REQUEST', message } };
}

function text(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function count(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name];
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(1, Math.floor(value))
    : undefined;
}

/** The fields of `sessions.patch` the simulated rows keep (null clears one). */
function readPatch(params: Record<string, unknown>): SessionPatch {
  const patch: SessionPatch = {};
  for (const field of ['label', 'thinkingLevel', 'verboseLevel', 'reasoningLevel'] as const) {
    const value = params[field];
    if (value === null || typeof value === 'string') patch[field] = value;
  }
  const fastMode = params.fastMode;
  if (fastMode === null || typeof fastMode === 'boolean') patch.fastMode = fastMode;
  return patch;
}

/** `allowed` as the gateway decides it: admin may do anything, write implies read. */
function isAllowed(required: OperatorScope | undefined, scopes: readonly string[]): boolean {
  if (required === undefined || scopes.includes('operator.admin')) return true;
  if (required === 'operator.read') {
    return scopes.includes('operator.read') || scopes.includes('operator.write');
  }
  return scopes.includes(required);
}

/**
 * The methods the simulated gateway answers: what the Control UI asks at
 * start and on its Sessions and Chat views, plus our `session.heartbeat.*`.
 * Everything comes from the one simulated gateway, so a session's row, its
 * transcript, its agent and its heartbeat agree.
 */
export function createGatewayMethods(deps: GatewayMethodDeps) {
  const { emitter, gateway, now } = deps;
  const rows = () => gateway.sessionsList().sessions;

  const table: Record<string, GatewayMethod> = {
    health: { scope: undefined, answer: () => ok(healthSummary(rows(), now())) },
    status: { scope: 'operator.read', answer: () => ok(statusSummary(rows(), now())) },
    'sessions.list': {
      scope: 'operator.read',
      answer(params) {
        // As `listSessionsFromStore` (`src/gateway/session-utils.ts`) filters and orders.
        const search = text(params, 'search')?.toLowerCase();
        const agentId = text(params, 'agentId')?.toLowerCase();
        const activeMinutes = count(params, 'activeMinutes');
        const limit = count(params, 'limit');
        let sessions = rows()
          .filter((row) => params.includeGlobal === true || row.key !== 'global')
          .filter((row) => params.includeUnknown === true || row.key !== 'unknown')
          .filter((row) => agentId === undefined || agentIdOf(row.key) === agentId)
          .sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
        if (search !== undefined) {
          sessions = sessions.filter((row) =>
            [row.displayName, row.label, row.sessionId, row.key].some((field) =>
              field?.toLowerCase().includes(search),
            ),
          );
        }
        if (activeMinutes !== undefined) {
          const cutoff = now() - activeMinutes * 60_000;
          sessions = sessions.filter((row) => (row.updatedAt ?? 0) >= cutoff);
        }
        if (limit !== undefined) sessions = sessions.slice(0, limit);
        return ok({
          ts: now(),
          path: SESSION_STORE_PATH,
          count: sessions.length,
          defaults: { modelProvider: null, model: null, contextTokens: null },
          sessions,
        });
      },
    },
    'sessions.subscribe': {
      scope: 'operator.read',
      answer(_params, connection) {
        connection.subscribed = true;
        return ok({ subscribed: true });
      },
    },
    'sessions.unsubscribe': {
      scope: 'operator.read',
      answer(_params, connection) {
        connection.subscribed = false;
        return ok({ subscribed: false });
      },
    },
    'sessions.compaction.list': {
      scope: 'operator.read',
      answer(params) {
        const key = text(params, 'key');
        if (key === undefined)
          return invalidRequest('invalid sessions.compaction.list params: key required');
        // No simulated session has been compacted yet.
        return ok({ ok: true, key, checkpoints: [] });
      },
    },
    'sessions.patch': {
      scope: 'operator.admin',
      answer(params) {
        const key = text(params, 'key');
        if (key === undefined) return invalidRequest('invalid sessions.patch params: key required');
        if (gateway.row(key) === undefined) return invalidRequest(`session not found: ${key}`);
        const model = params.model;
        if (typeof model === 'string' && model.trim() !== '') {
          gateway.setModel(key, model.trim());
          gateway.syncList();
        }
        const entry = gateway.patchSession(key, readPatch(params));
        return ok({ ok: true, path: SESSION_STORE_PATH, key, entry });
      },
    },
    'chat.history': {
      scope: 'operator.read',
      answer(params) {
        const sessionKey = text(params, 'sessionKey');
        if (sessionKey === undefined) {
          return invalidRequest(
            "invalid chat.history params: must have required property 'sessionKey'",
          );
        }
        const key = sessionKey === MAIN_KEY ? `agent:${DEFAULT_AGENT_ID}:${MAIN_KEY}` : sessionKey;
        const row = gateway.row(key);
        return ok({
          sessionKey,
          ...(row === undefined ? {} : { sessionId: row.sessionId }),
          messages: gateway.history(key, Math.min(1000, count(params, 'limit') ?? 200)),
          thinkingLevel: row?.thinkingLevel ?? 'low',
          ...(row?.fastMode === undefined ? {} : { fastMode: row.fastMode }),
          ...(row?.verboseLevel === undefined ? {} : { verboseLevel: row.verboseLevel }),
        });
      },
    },
    'agents.list': { scope: 'operator.read', answer: () => ok(agentsList(rows())) },
    'agent.identity.get': {
      scope: 'operator.read',
      answer(params) {
        const sessionKey = text(params, 'sessionKey');
        if (sessionKey?.startsWith('agent:') === true && !/^agent:[^:]+:.+/.test(sessionKey)) {
          return invalidRequest(
            `invalid agent.identity.get params: malformed session key "${sessionKey}"`,
          );
        }
        const agentId =
          text(params, 'agentId')?.toLowerCase() ??
          (sessionKey === undefined ? DEFAULT_AGENT_ID : agentIdOf(sessionKey));
        return ok(agentIdentity(agentId));
      },
    },
    'models.list': { scope: 'operator.read', answer: () => ok(modelsList(rows())) },
    'commands.list': {
      scope: 'operator.read',
      answer: (params) => ok(commandsList(params.includeArgs === true)),
    },
    'node.list': { scope: 'operator.read', answer: () => ok(nodesList(now(), deps.startedAt)) },
    'device.pair.list': { scope: 'operator.pairing', answer: () => ok(deps.devicePairing()) },
  };
  const ours = (method: SessionHeartbeatMethod): GatewayMethod => ({
    scope: SESSION_HEARTBEAT_WRITE_METHODS.has(method) ? 'operator.write' : 'operator.read',
    answer: (params) =>
      answerSessionHeartbeatRequest(emitter, method, params) ?? invalidRequest(method),
  });
  for (const method of Object.values(SessionHeartbeatMethods)) table[method] = ours(method);

  return {
    /** For `hello-ok`'s `features.methods`. */
    names: ['connect', ...Object.keys(table)],
    answer(method: string, params: unknown, connection: GatewayConnection): GatewayMethodResult {
      const entry = table[method];
      // As the gateway: an unclassified method needs admin; with it, it is unknown.
      if (entry === undefined) {
        return isAllowed('operator.admin', connection.scopes)
          ? invalidRequest(`unknown method: ${method}`)
          : invalidRequest('missing scope: operator.admin');
      }
      if (!isAllowed(entry.scope, connection.scopes)) {
        return invalidRequest(`missing scope: ${entry.scope ?? 'operator.admin'}`);
      }
      const record =
        typeof params === 'object' && params !== null && !Array.isArray(params)
          ? (params as Record<string, unknown>)
          : {};
      return entry.answer(record, connection);
    },
  };
}

export type GatewayMethods = ReturnType<typeof createGatewayMethods>;
