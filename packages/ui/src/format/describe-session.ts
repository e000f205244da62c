import {
  stallClockSince,
  type HealthVerdict,
  type ReceivedHeartbeat,
  type SessionHealth,
} from '@session-heartbeat/core';
import { formatDuration } from './format-duration';

/** The name of each health, as the dot's `aria-label` and the counts bar say it. */
export const HEALTH_LABELS: Readonly<Record<SessionHealth, string>> = {
  active: 'Active',
  waiting: 'Waiting',
  stalled: 'Stalled',
  unresponsive: 'Unresponsive',
  idle: 'Idle',
  unknown: 'Unknown',
};

type StateFields = Pick<ReceivedHeartbeat, 'state' | 'toolName' | 'unknownState'>;

/**
 * What a session is doing, in words: `Waiting for the model`, `Running tool
 * exec`, `Unknown state “compacting”`.
 */
export function describeState({ state, toolName, unknownState }: StateFields): string {
  switch (state) {
    case 'idle':
      return 'Idle';
    case 'awaiting_model':
      return 'Waiting for the model';
    case 'streaming':
      return 'Streaming the answer';
    case 'tool_exec':
      return toolName === undefined ? 'Running a tool' : `Running tool ${toolName}`;
    case 'tool_wait':
      return toolName === undefined
        ? 'Waiting on a tool (approval)'
        : `Waiting on tool ${toolName} (approval)`;
    case 'complete':
      return 'Turn complete';
    case 'unknown':
      return unknownState === undefined ? 'Unknown state' : `Unknown state “${unknownState}”`;
    default:
      return state satisfies never;
  }
}

type TimedFields = Pick<
  ReceivedHeartbeat,
  | 'state'
  | 'toolName'
  | 'stateSince'
  | 'startedAt'
  | 'lastTokenAt'
  | 'lastProgressAt'
  | 'toolRepeat'
  | 'emittedAt'
>;

/**
 * Why a session needs a look, in plain words, or `undefined` when its health
 * speaks for itself. Durations are measured from the heartbeat at `serverNow`
 * (as `classifyHealth` measures them), so a ticking caller shows a ticking
 * reason; the limit comes from the verdict.
 *
 * @example
 * describeHealthReason({ health: 'stalled', because: 'no_progress', thresholdMs: 30_000 }, heartbeat, serverNow)
 * // → 'No output from exec for 42 s — limit 30 s'
 */
export function describeHealthReason(
  verdict: HealthVerdict,
  heartbeat: TimedFields | undefined,
  serverNow: number,
): string | undefined {
  const limit =
    verdict.thresholdMs === undefined ? '' : ` — limit ${formatDuration(verdict.thresholdMs)}`;
  switch (verdict.health) {
    case 'unresponsive': {
      const silentFor = heartbeat === undefined ? verdict.forMs : serverNow - heartbeat.emittedAt;
      return `No heartbeat for ${formatDuration(silentFor ?? 0)}${limit}`;
    }
    case 'stalled':
      return describeStall(verdict, heartbeat, serverNow, limit);
    case 'unknown':
      switch (verdict.because) {
        case 'disconnected':
          return "Connection lost — we can't see this session right now";
        case 'no_heartbeat_yet':
          return 'No heartbeat received yet';
        case 'source_unreachable':
          return "Its gateway can't be reached — we can't see this session right now";
        default:
          return 'This dashboard does not know that state yet';
      }
    case 'active':
    case 'waiting':
    case 'idle':
      return undefined;
    default:
      return verdict.health satisfies never;
  }
}

function describeStall(
  verdict: HealthVerdict,
  heartbeat: TimedFields | undefined,
  serverNow: number,
  limit: string,
): string {
  const tool = heartbeat?.toolName;
  switch (verdict.because) {
    case 'tool_loop': {
      const repeats = heartbeat?.toolRepeat ?? verdict.repeatLimit ?? 0;
      const loopAt = verdict.repeatLimit === undefined ? '' : ` (a loop at ${verdict.repeatLimit})`;
      return `${tool ?? 'A tool'} called ${repeats}× in a row with the same input${loopAt}`;
    }
    case 'turn_overdue': {
      const runningFor = heartbeat === undefined ? verdict.forMs : serverNow - heartbeat.startedAt;
      return `Turn running ${formatDuration(runningFor ?? 0)}, still working${limit}`;
    }
    default:
      return describeNoProgress(verdict, heartbeat, serverNow, limit);
  }
}

function describeNoProgress(
  verdict: HealthVerdict,
  heartbeat: TimedFields | undefined,
  serverNow: number,
  limit: string,
): string {
  // As the core measures it: since the state began, its last token or its last progress.
  const since = heartbeat === undefined ? undefined : stallClockSince(heartbeat);
  const stalledFor = formatDuration(since === undefined ? (verdict.forMs ?? 0) : serverNow - since);
  switch (heartbeat?.state) {
    case 'awaiting_model':
      return `No first token for ${stalledFor}${limit}`;
    case 'tool_exec':
      return `No output from ${heartbeat.toolName ?? 'the tool'} for ${stalledFor}${limit}`;
    case 'streaming':
      return `No token for ${stalledFor}${limit}`;
    default:
      return `No progress for ${stalledFor}${limit}`;
  }
}
