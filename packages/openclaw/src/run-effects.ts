import {
  readString,
  type AgentEventInput,
  type ChatEventInput,
  type JsonRecord,
} from './read-gateway-payloads';
import { fingerprintToolCall } from './tool-fingerprint';

/** How a run ends: the gateway retries a run that failed (`lifecycle_error`) under the same id. */
export type RunOutcome = 'end' | 'lifecycle_error' | 'final' | 'aborted' | 'chat_error';

/** What holds a tool call up: an approval request, or an item the gateway reports `blocked`. */
export type BlockSource = 'approval' | 'item';

/** What one gateway event means for its run, before any session state is consulted. */
export type RunEffect =
  | { kind: 'start' }
  /** Startup before the first token (`preparing_workspace`, …, `starting_model`, a retry). */
  | { kind: 'startup' }
  | { kind: 'token'; at: number | undefined }
  | {
      kind: 'tool_start';
      toolCallId: string | undefined;
      toolName: string | undefined;
      /** The tool's name and a hash of its `args` (repeats are counted on it). */
      fingerprint: string | undefined;
    }
  | { kind: 'tool_result'; toolCallId: string | undefined }
  /** Waiting on a person: an approval, or an item the gateway reports `blocked`. */
  | {
      kind: 'blocked';
      by: BlockSource;
      blockId: string;
      toolCallId: string | undefined;
      toolName: string | undefined;
    }
  | { kind: 'unblocked'; by: BlockSource; blockId: string }
  /**
   * Evidence that the run is getting somewhere (a tool's update, command
   * output, an item, a plan, a compaction), with the host's word on it.
   * An item's update also frees the tool call it blocked, if it did.
   */
  | { kind: 'progress'; activity: string; unblocks?: string }
  | { kind: 'end'; outcome: RunOutcome }
  /** A known event that changes nothing we show. */
  | { kind: 'none' }
  | { kind: 'unknown_stream' }
  | { kind: 'unknown_phase'; detail: string };

/** Chat `status` phases and `run_status` phases shown before the first token. */
export const STARTUP_PHASES: ReadonlySet<string> = new Set([
  'preparing_workspace',
  'provisioning_environment',
  'preparing_context',
  'starting_model',
  'retrying',
]);

/** Streams the gateway sends that say nothing about the state we show. */
const QUIET_STREAMS: ReadonlySet<string> = new Set([
  'error', // the gateway's own "seq gap" notice (it carries no seq)
  'patch',
  'usage',
  'notice',
]);

const QUIET_TOOL_PHASES: ReadonlySet<string> = new Set(['input_delta', 'review']);
const UNBLOCKING_ITEM_STATUSES: ReadonlySet<string> = new Set(['running', 'completed', 'failed']);
const ITEM_PHASES: ReadonlySet<string> = new Set(['start', 'update', 'end']);

/**
 * What the activity says about a progress event: the gateway's own
 * `summary` when it wrote one, else what it is and its phase (`exec:
 * output`). Never the output, arguments or text themselves: those may hold
 * anything, secrets included.
 */
function activityOf(data: JsonRecord, what: string, phase: string): string {
  const summary = readString(data.summary)?.replace(/\s+/g, ' ').trim();
  return summary !== undefined && summary !== '' ? summary : `${what}: ${phase}`;
}

function unknownPhase(stream: string, phase: string | undefined): RunEffect {
  return { kind: 'unknown_phase', detail: `${stream} phase ${JSON.stringify(phase ?? null)}` };
}

/** The effect of an `agent` event (`{runId, seq, stream, ts, data}`). */
export function agentEventEffect(event: AgentEventInput): RunEffect {
  const { data } = event;
  const phase = readString(data.phase);
  const toolCallId = readString(data.toolCallId);
  switch (event.stream) {
    case 'lifecycle':
      if (phase === 'start') return { kind: 'start' };
      if (phase === 'end') return { kind: 'end', outcome: 'end' };
      if (phase === 'error') return { kind: 'end', outcome: 'lifecycle_error' };
      return unknownPhase('lifecycle', phase);
    case 'assistant':
    case 'thinking':
      return { kind: 'token', at: event.ts };
    case 'tool': {
      const toolName = readString(data.name);
      if (phase === 'start') {
        const fingerprint =
          toolName === undefined ? undefined : fingerprintToolCall(toolName, data.args);
        return { kind: 'tool_start', toolCallId, toolName, fingerprint };
      }
      if (phase === 'result') return { kind: 'tool_result', toolCallId };
      // A partial result: the tool is working (its content is never read).
      if (phase === 'update') {
        return { kind: 'progress', activity: activityOf(data, toolName ?? 'tool', 'update') };
      }
      if (phase !== undefined && QUIET_TOOL_PHASES.has(phase)) return { kind: 'none' };
      return unknownPhase('tool', phase);
    }
    case 'command_output':
      return {
        kind: 'progress',
        activity: activityOf(data, readString(data.name) ?? 'command', 'output'),
      };
    case 'plan':
      return { kind: 'progress', activity: activityOf(data, 'plan', phase ?? 'update') };
    case 'compaction':
      return { kind: 'progress', activity: activityOf(data, 'compaction', phase ?? 'start') };
    case 'approval': {
      const blockId =
        readString(data.approvalId) ?? toolCallId ?? readString(data.itemId) ?? 'approval';
      if (phase === 'requested') {
        return {
          kind: 'blocked',
          by: 'approval',
          blockId,
          toolCallId,
          toolName: readString(data.toolName),
        };
      }
      if (phase === 'resolved') return { kind: 'unblocked', by: 'approval', blockId };
      return unknownPhase('approval', phase);
    }
    case 'item': {
      const status = readString(data.status);
      const blockId = readString(data.itemId) ?? toolCallId ?? 'item';
      if (status === 'blocked') {
        return {
          kind: 'blocked',
          by: 'item',
          blockId,
          toolCallId,
          toolName: readString(data.name),
        };
      }
      const known =
        status === undefined
          ? phase !== undefined && ITEM_PHASES.has(phase)
          : UNBLOCKING_ITEM_STATUSES.has(status);
      if (!known) {
        return { kind: 'unknown_phase', detail: `item status ${JSON.stringify(status ?? null)}` };
      }
      const what = readString(data.name) ?? readString(data.kind) ?? 'item';
      return {
        kind: 'progress',
        activity: activityOf(data, what, status ?? phase ?? 'update'),
        unblocks: blockId,
      };
    }
    case 'run_status':
      return phase !== undefined && STARTUP_PHASES.has(phase)
        ? { kind: 'startup' }
        : { kind: 'none' };
    default:
      return QUIET_STREAMS.has(event.stream) ? { kind: 'none' } : { kind: 'unknown_stream' };
  }
}

/** The effect of a `chat` event (`{runId, sessionKey, seq, state, phase?}`). */
export function chatEventEffect(event: ChatEventInput): RunEffect {
  switch (event.state) {
    case 'delta':
      return { kind: 'token', at: event.at };
    case 'final':
      return { kind: 'end', outcome: 'final' };
    case 'aborted':
      return { kind: 'end', outcome: 'aborted' };
    case 'error':
      return { kind: 'end', outcome: 'chat_error' };
    case 'status':
      return event.phase !== undefined && STARTUP_PHASES.has(event.phase)
        ? { kind: 'startup' }
        : unknownPhase('chat status', event.phase);
    default:
      return { kind: 'unknown_phase', detail: `chat state ${JSON.stringify(event.state)}` };
  }
}
