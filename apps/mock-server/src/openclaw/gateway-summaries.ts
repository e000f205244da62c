import { SESSION_STORE_PATH } from '../scenarios/openclaw/create-session-rows';
import type { SimulatedSessionRow } from '../scenarios/openclaw/create-session-rows';
import { agentIdentity, agentIdOf, agentsList, DEFAULT_AGENT_ID } from './gateway-catalog';

/**
 * `health` and `status` as the gateway answers them (`src/commands/health.types.ts`,
 * `src/commands/status.types.ts`), from the simulated sessions. The
 * gateway's own "heartbeat" here is its periodic agent wake-up (every 30 m,
 * off for all but the default agent): nothing to do with session heartbeats.
 */

const HEARTBEAT_EVERY = '30m';
const HEARTBEAT_EVERY_MS = 30 * 60_000;
const RECENT = 10;

function recent(rows: readonly SimulatedSessionRow[], now: number) {
  return [...rows]
    .sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0))
    .slice(0, RECENT)
    .map((row) => ({
      key: row.key,
      updatedAt: row.updatedAt,
      age: row.updatedAt === null ? null : now - row.updatedAt,
    }));
}

function heartbeatOf(agentId: string) {
  const enabled = agentId === DEFAULT_AGENT_ID;
  return {
    enabled,
    every: enabled ? HEARTBEAT_EVERY : 'off',
    everyMs: enabled ? HEARTBEAT_EVERY_MS : null,
    prompt: 'Read HEARTBEAT.md if it exists and follow it.',
    target: 'none',
    ackMaxChars: 300,
  };
}

export function healthSummary(rows: readonly SimulatedSessionRow[], now: number) {
  const agentIds = agentsList(rows).agents.map((agent) => agent.id);
  return {
    ok: true,
    ts: now,
    durationMs: 12,
    channels: {},
    channelOrder: [],
    channelLabels: {},
    heartbeatSeconds: HEARTBEAT_EVERY_MS / 1000,
    defaultAgentId: DEFAULT_AGENT_ID,
    agents: agentIds.map((agentId) => {
      const own = rows.filter((row) => agentIdOf(row.key) === agentId);
      return {
        agentId,
        name: agentIdentity(agentId).name,
        isDefault: agentId === DEFAULT_AGENT_ID,
        heartbeat: heartbeatOf(agentId),
        sessions: { path: SESSION_STORE_PATH, count: own.length, recent: recent(own, now) },
      };
    }),
    sessions: { path: SESSION_STORE_PATH, count: rows.length, recent: recent(rows, now) },
  };
}

export function statusSummary(rows: readonly SimulatedSessionRow[], now: number) {
  const byStatus = { queued: 0, running: 0, succeeded: 0, failed: 0, timed_out: 0, cancelled: 0 };
  for (const row of rows) {
    if (row.status === 'running') byStatus.running += 1;
    else if (row.status === 'done') byStatus.succeeded += 1;
    else if (row.status === 'failed') byStatus.failed += 1;
    else if (row.status === 'killed') byStatus.cancelled += 1;
  }
  const sessionStatus = (row: SimulatedSessionRow) => ({
    agentId: agentIdOf(row.key),
    key: row.key,
    kind: row.kind,
    sessionId: row.sessionId,
    updatedAt: row.updatedAt,
    age: row.updatedAt === null ? null : now - row.updatedAt,
    totalTokens: row.totalTokens,
    totalTokensFresh: row.totalTokensFresh,
    remainingTokens:
      row.contextTokens === undefined ? null : Math.max(0, row.contextTokens - row.totalTokens),
    percentUsed:
      row.contextTokens === undefined
        ? null
        : Math.round((row.totalTokens / row.contextTokens) * 100),
    model: row.model ?? null,
    contextTokens: row.contextTokens ?? null,
    flags: row.status === 'running' ? ['running'] : [],
  });
  const sorted = [...rows].sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
  const agentIds = agentsList(rows).agents.map((agent) => agent.id);
  const active = byStatus.running;
  const terminal = byStatus.succeeded + byStatus.failed + byStatus.cancelled;
  return {
    runtimeVersion: 'mock',
    heartbeat: {
      defaultAgentId: DEFAULT_AGENT_ID,
      agents: agentIds.map((agentId) => {
        const { enabled, every, everyMs } = heartbeatOf(agentId);
        return { agentId, enabled, every, everyMs };
      }),
    },
    channelSummary: [],
    queuedSystemEvents: [],
    tasks: {
      total: active + terminal,
      active,
      terminal,
      failures: byStatus.failed,
      byStatus,
      byRuntime: { subagent: 0, acp: 0, cli: active + terminal, cron: 0 },
    },
    taskAudit: { total: 0, warnings: 0, errors: 0, byCode: {} },
    sessions: {
      paths: [SESSION_STORE_PATH],
      count: rows.length,
      defaults: { model: null, contextTokens: null },
      recent: sorted.slice(0, RECENT).map(sessionStatus),
      byAgent: agentIds.map((agentId) => {
        const own = sorted.filter((row) => agentIdOf(row.key) === agentId);
        return {
          agentId,
          path: SESSION_STORE_PATH,
          count: own.length,
          recent: own.slice(0, RECENT).map(sessionStatus),
        };
      }),
    },
  };
}
