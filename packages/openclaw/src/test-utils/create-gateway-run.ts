import type { AgentEventPayload, ChatEventPayload } from '../gateway-types';

/**
 * Builds the events the gateway broadcasts for one run, shaped as
 * `src/infra/agent-events.ts` and `src/gateway/server-chat.ts` make them:
 * `agent` events numbered per run, `chat` events carrying the seq of the
 * agent event they came from.
 */
export interface GatewayRun {
  readonly runId: string;
  readonly sessionKey: string;
  /** The seq of the last agent event built. */
  readonly seq: number;
  agent(stream: string, data: Record<string, unknown>, ts: number): AgentEventPayload;
  lifecycle(phase: string, ts: number, extra?: Record<string, unknown>): AgentEventPayload;
  /** An assistant delta: `text` is the text so far, `delta` the new part. */
  assistant(text: string, delta: string, ts: number): AgentEventPayload;
  thinking(text: string, ts: number): AgentEventPayload;
  toolStart(name: string, toolCallId: string, ts: number): AgentEventPayload;
  toolResult(name: string, toolCallId: string, ts: number): AgentEventPayload;
  approval(
    phase: 'requested' | 'resolved',
    approvalId: string,
    toolCallId: string,
    ts: number,
  ): AgentEventPayload;
  /** A chat event for the last agent event (same seq). */
  chat(state: string, extra?: Record<string, unknown>): ChatEventPayload;
}

export function createGatewayRun(runId: string, sessionKey: string): GatewayRun {
  let seq = 0;
  const agent = (stream: string, data: Record<string, unknown>, ts: number) => ({
    runId,
    seq: (seq += 1),
    stream,
    ts,
    data,
    sessionKey,
  });
  return {
    runId,
    sessionKey,
    get seq() {
      return seq;
    },
    agent,
    lifecycle: (phase, ts, extra = {}) => agent('lifecycle', { phase, ...extra }, ts),
    assistant: (text, delta, ts) => agent('assistant', { text, delta }, ts),
    thinking: (text, ts) => agent('thinking', { text, delta: text }, ts),
    toolStart: (name, toolCallId, ts) =>
      agent('tool', { phase: 'start', name, toolCallId, args: {} }, ts),
    toolResult: (name, toolCallId, ts) =>
      agent('tool', { phase: 'result', name, toolCallId, isError: false }, ts),
    approval: (phase, approvalId, toolCallId, ts) =>
      agent(
        'approval',
        {
          phase,
          kind: 'exec',
          status: phase === 'requested' ? 'pending' : 'approved',
          title: 'Command approval requested',
          approvalId,
          toolCallId,
          command: 'rm -rf build',
        },
        ts,
      ),
    chat: (state, extra = {}) => ({ runId, sessionKey, seq, state, ...extra }),
  };
}
