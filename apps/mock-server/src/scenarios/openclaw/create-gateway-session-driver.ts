import { isRunningState, type SessionHeartbeat, type SessionState } from '@session-heartbeat/core';
import type { HeartbeatEmitter, SessionHandle } from '@session-heartbeat/emitter';
import type { SimulatedGateway } from './create-simulated-gateway';

/**
 * A session handle that a demo script drives as usual, but that never
 * touches the emitter: each transition becomes what the gateway would
 * broadcast for it (a run start, tool events, an approval, tokens, the end),
 * and the bridge turns that back into heartbeats.
 */
export interface GatewaySessionDriver extends SessionHandle {
  /** The run going on, if any. */
  readonly runId: string | undefined;
  /** The user aborts the run (chat `aborted`, then the run's end). */
  abort(): void;
  /** The run fails (lifecycle `error`); the gateway may retry it. */
  fail(): void;
  /** The gateway retries the failed run under the same id. */
  retry(): void;
  /** The run fails for good (the chat `error`). */
  giveUp(): void;
}

export function createGatewaySessionDriver(
  sessionKey: string,
  gateway: SimulatedGateway,
  emitter: HeartbeatEmitter,
): GatewaySessionDriver {
  let runId: string | undefined;
  let current: SessionState = 'idle';
  /** The tool call going on; `args` stands for its input (the bridge hashes it for repeats). */
  let openTool: { name: string | undefined; callId: string; args: unknown } | undefined;
  let approvalId: string | undefined;
  let calls = 0;
  /** A hung run: the gateway hears nothing more from it. */
  let hung = false;

  function begin(): string {
    // A run abandoned by a restart is simply replaced: the bridge supersedes it.
    runId = gateway.startRun(sessionKey);
    hung = false;
    openTool = undefined;
    approvalId = undefined;
    return runId;
  }

  function toolEvent(phase: 'start' | 'result', run: string): void {
    if (openTool === undefined) return;
    gateway.agent(run, 'tool', {
      phase,
      name: openTool.name,
      toolCallId: openTool.callId,
      ...(phase === 'start' ? { args: openTool.args } : { isError: false }),
    });
  }

  function item(run: string, status: 'running' | 'blocked'): void {
    if (openTool === undefined) return;
    gateway.agent(run, 'item', {
      itemId: `item_${openTool.callId}`,
      phase: status === 'blocked' ? 'end' : 'update',
      kind: 'command',
      title: openTool.name ?? 'tool',
      status,
      name: openTool.name,
      toolCallId: openTool.callId,
    });
  }

  function end(how: 'end' | 'aborted' | 'error'): void {
    if (runId !== undefined) gateway.endRun(runId, how);
    runId = undefined;
    openTool = undefined;
    approvalId = undefined;
  }

  return {
    key: sessionKey,
    get state() {
      return emitter.get(sessionKey)?.state ?? current;
    },
    get status() {
      return emitter.get(sessionKey)?.status ?? 'removed';
    },
    get heartbeat() {
      // The session is listed (so created) before any script runs.
      return emitter.heartbeat(sessionKey) as SessionHeartbeat;
    },
    get runId() {
      return runId;
    },
    transition(state, details = {}) {
      const starts = state === 'awaiting_model' && details.turnId !== undefined;
      if (hung && !starts) return false;
      const working = isRunningState(state);
      const run = starts || (runId === undefined && working) ? begin() : runId;
      if (run !== undefined) {
        switch (state) {
          case 'awaiting_model':
            if (!starts && (current === 'tool_exec' || current === 'tool_wait')) {
              toolEvent('result', run);
              openTool = undefined;
            }
            break;
          case 'tool_exec':
            if (current === 'tool_wait' && approvalId !== undefined) {
              gateway.agent(run, 'approval', {
                phase: 'resolved',
                kind: 'exec',
                status: 'approved',
                title: 'Command approved',
                approvalId,
                toolCallId: openTool?.callId,
              });
              item(run, 'running');
              approvalId = undefined;
            } else {
              openTool = { name: details.toolName, callId: `call_${(calls += 1)}`, args: {} };
              toolEvent('start', run);
            }
            break;
          case 'tool_wait':
            openTool ??= { name: details.toolName, callId: `call_${(calls += 1)}`, args: {} };
            approvalId = `approval_${calls}`;
            gateway.agent(run, 'approval', {
              phase: 'requested',
              kind: 'exec',
              status: 'pending',
              title: 'Command approval requested',
              approvalId,
              toolCallId: openTool.callId,
              command: 'kubectl rollout restart deploy/api',
            });
            item(run, 'blocked');
            break;
          case 'complete':
            end('end');
            break;
          case 'streaming':
          case 'idle':
            break;
          default:
            return state satisfies never;
        }
      }
      current = state;
      return true;
    },
    tokenReceived() {
      if (!hung && runId !== undefined) gateway.token(runId);
    },
    progress(_at, activity) {
      if (hung || runId === undefined) return;
      // What the gateway sends while a tool works: its item's update, with the
      // host's summary; between tools, a plan update.
      if (openTool === undefined) {
        gateway.agent(runId, 'plan', { phase: 'update', summary: activity });
        return;
      }
      gateway.agent(runId, 'item', {
        itemId: `item_${openTool.callId}`,
        phase: 'update',
        kind: 'command',
        title: openTool.name ?? 'tool',
        status: 'running',
        name: openTool.name,
        toolCallId: openTool.callId,
        ...(activity === undefined ? {} : { summary: activity }),
      });
    },
    toolCall(toolName, fingerprint, details = {}) {
      const starts = details.turnId !== undefined || runId === undefined;
      if (hung && !starts) return;
      const run = starts ? begin() : (runId as string);
      if (openTool !== undefined) toolEvent('result', run);
      // The input stands for itself: the same fingerprint is the same input.
      openTool = { name: toolName, callId: `call_${(calls += 1)}`, args: { input: fingerprint } };
      toolEvent('start', run);
      current = 'tool_exec';
    },
    setLabel(label) {
      gateway.patchSession(sessionKey, { label: label ?? null });
      gateway.syncList();
      return true;
    },
    setModel(model) {
      gateway.setModel(sessionKey, model);
      gateway.syncList();
      return true;
    },
    crash() {
      hung = true;
    },
    recover() {
      emitter.get(sessionKey)?.recover();
    },
    remove() {
      gateway.unlistSession(sessionKey);
      gateway.syncList();
      return true;
    },
    abort() {
      if (!hung) end('aborted');
      current = 'complete';
    },
    fail() {
      if (!hung && runId !== undefined) gateway.failRun(runId);
      current = 'complete';
    },
    retry() {
      if (!hung && runId !== undefined) gateway.retryRun(runId);
      current = 'awaiting_model';
    },
    giveUp() {
      if (!hung) end('error');
      current = 'complete';
    },
  };
}
