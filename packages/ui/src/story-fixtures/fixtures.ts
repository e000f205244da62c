import {
  classifyHealth,
  type HealthVerdict,
  type ReceivedHeartbeat,
  type SessionHealth,
  type SessionState,
} from '@session-heartbeat/core';
import type { HealthStretch } from '@session-heartbeat/react';

/**
 * Fixed data for deterministic stories: every time is relative to `NOW`
 * (2026-01-01T12:00:00Z, server clock), so a story renders the same words on
 * every run.
 */
export const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

let seq = 0;

/** A received heartbeat; times given as "ms ago" relative to `NOW`. */
export function heartbeatAt(
  sessionKey: string,
  state: ReceivedHeartbeat['state'],
  {
    inStateFor = 5 * SECOND,
    turnFor = inStateFor,
    silentFor = 1 * SECOND,
    tokenAgo,
    ...fields
  }: Partial<Omit<ReceivedHeartbeat, 'sessionKey' | 'state'>> & {
    inStateFor?: number;
    turnFor?: number;
    silentFor?: number;
    tokenAgo?: number;
  } = {},
): ReceivedHeartbeat {
  seq += 1;
  const heartbeat: ReceivedHeartbeat = {
    sessionKey,
    state,
    startedAt: NOW - turnFor,
    stateSince: NOW - inStateFor,
    emittedAt: NOW - silentFor,
    seq,
    reason: 'periodic',
    ...fields,
  };
  if (tokenAgo !== undefined) heartbeat.lastTokenAt = NOW - tokenAgo;
  return heartbeat;
}

/** The verdict at `NOW` with the default thresholds (stall 30 s, silence 15 s). */
export function verdictOf(
  heartbeat: ReceivedHeartbeat | undefined,
  listening = true,
): HealthVerdict {
  return classifyHealth(heartbeat, { serverNow: NOW, listening });
}

const SONNET = 'anthropic/claude-sonnet-4-5';
const GPT = 'openai/gpt-5';
const LLAMA = 'ollama/llama3.3:70b';

/** One heartbeat per (state, health) pair the contract can produce. */
export const COMBINATIONS = {
  idle: heartbeatAt('agent:main:main', 'idle', { inStateFor: 4 * MINUTE, model: SONNET }),
  awaitingModel: heartbeatAt('agent:ops:telegram:direct:4711', 'awaiting_model', {
    inStateFor: 8 * SECOND,
    turnFor: 20 * SECOND,
    model: GPT,
    turnId: 'run-1042',
  }),
  awaitingModelStalled: heartbeatAt('agent:research:main', 'awaiting_model', {
    inStateFor: 42 * SECOND,
    turnFor: 63 * SECOND,
    model: LLAMA,
    turnId: 'run-88',
  }),
  streaming: heartbeatAt('agent:main:slack:group:c0ffee', 'streaming', {
    inStateFor: 12 * SECOND,
    turnFor: 40 * SECOND,
    tokenAgo: 0,
    model: SONNET,
  }),
  streamingStalled: heartbeatAt('agent:writer:main', 'streaming', {
    inStateFor: 50 * SECOND,
    turnFor: 2 * MINUTE,
    tokenAgo: 35 * SECOND,
    model: GPT,
  }),
  toolExec: heartbeatAt('agent:coder:main', 'tool_exec', {
    inStateFor: 9 * SECOND,
    turnFor: 95 * SECOND,
    toolName: 'browser',
    model: SONNET,
  }),
  toolExecStalled: heartbeatAt('agent:coder:cron:nightly', 'tool_exec', {
    inStateFor: 65 * SECOND,
    turnFor: 3 * MINUTE,
    toolName: 'exec',
    model: SONNET,
  }),
  toolWait: heartbeatAt('agent:ops:discord:direct:991', 'tool_wait', {
    inStateFor: 3 * MINUTE,
    turnFor: 4 * MINUTE,
    toolName: 'browser',
    model: GPT,
  }),
  complete: heartbeatAt('agent:main:whatsapp:direct:31612', 'complete', {
    inStateFor: 25 * SECOND,
    turnFor: 90 * SECOND,
    model: SONNET,
  }),
  unknownState: {
    ...heartbeatAt('agent:beta:main', 'unknown', { inStateFor: 14 * SECOND, model: GPT }),
    unknownState: 'compacting',
  },
  unresponsive: heartbeatAt('agent:ops:main', 'streaming', {
    inStateFor: 30 * SECOND,
    turnFor: 50 * SECOND,
    silentFor: 18 * SECOND,
    tokenAgo: 20 * SECOND,
    model: SONNET,
  }),
  // v1.1: a long tool that reports progress, a loop, and a turn past its limit.
  toolProgressing: heartbeatAt('agent:coder:ci', 'tool_exec', {
    inStateFor: 3 * MINUTE,
    turnFor: 4 * MINUTE,
    toolName: 'exec',
    model: SONNET,
    lastProgressAt: NOW - 2 * SECOND,
    activity: 'npm test: 42/120 passed',
  }),
  toolLoop: heartbeatAt('agent:research:loop', 'tool_exec', {
    inStateFor: 4 * SECOND,
    turnFor: 2 * MINUTE,
    toolName: 'read',
    model: GPT,
    toolRepeat: 6,
    turnToolCalls: 9,
  }),
  turnOverdue: heartbeatAt('agent:writer:main', 'streaming', {
    inStateFor: 2 * MINUTE,
    turnFor: 22 * MINUTE,
    tokenAgo: 1 * SECOND,
    model: SONNET,
    activity: 'Drafting section 4 of 9',
  }),
} satisfies Record<string, ReceivedHeartbeat>;

export type CombinationName = keyof typeof COMBINATIONS;

/**
 * A plausible last 10 minutes for a session that is now in `state`; with
 * `stalledFor`, the end of the current state shows as a stall.
 */
/** The health a state has while it is within its limits. */
const HEALTH_OF_STATE: Record<SessionState | 'unknown', SessionHealth> = {
  idle: 'idle',
  complete: 'idle',
  awaiting_model: 'waiting',
  tool_wait: 'waiting',
  streaming: 'active',
  tool_exec: 'active',
  unknown: 'unknown',
};

export function historyEndingIn(
  state: SessionState | 'unknown',
  inStateFor: number,
  toolName?: string,
  stalledFor?: number,
): HealthStretch[] {
  const entered = NOW - inStateFor;
  const past: HealthStretch[] = [
    { state: 'idle', since: NOW - 14 * MINUTE, health: 'idle' },
    { state: 'awaiting_model', since: NOW - 6 * MINUTE, health: 'waiting' },
    { state: 'streaming', since: NOW - 5 * MINUTE - 40 * SECOND, health: 'active' },
    { state: 'tool_exec', since: NOW - 4 * MINUTE, toolName: 'exec', health: 'active' },
    { state: 'awaiting_model', since: NOW - 3 * MINUTE - 20 * SECOND, health: 'waiting' },
    { state: 'streaming', since: NOW - 3 * MINUTE, health: 'active' },
    { state: 'complete', since: NOW - 2 * MINUTE, health: 'idle' },
  ];
  const entries = past.filter((entry) => entry.since < entered);
  const current: HealthStretch = { state, since: entered, health: HEALTH_OF_STATE[state] };
  if (toolName !== undefined) current.toolName = toolName;
  if (stalledFor === undefined) return [...entries, current];
  return [...entries, current, { ...current, since: NOW - stalledFor, health: 'stalled' }];
}
