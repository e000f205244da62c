import {
  assessHealth,
  createDurationLearner,
  DEFAULT_THRESHOLDS,
  DueHeap,
  isToolState,
  resolveAdaptive,
  type DurationLearner,
  type HeartbeatHub,
  type HealthVerdict,
  type SessionHeartbeat,
  type StallReason,
  type ThresholdConfig,
} from '@session-heartbeat/core';
import { defaultTimers, unrefTimer } from '../emitter-timers';
import { bindOpenTelemetry, type OpenTelemetryBinding } from '../metrics/bind-open-telemetry';
import { OTHER_TOOL } from '../metrics/health-metric-families';
import { checkThresholds } from './check-thresholds';
import { createHealthTally, type TalliedVerdict } from './create-health-tally';
import type {
  HealthMetrics,
  HealthMonitor,
  HealthMonitorOptions,
  SourceStatus,
} from './health-monitor-types';

/** The longest delay a timer takes (2³¹ − 1 ms): a later deadline is met by re-arming. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;
const LOCAL_SOURCES: readonly SourceStatus[] = [{ id: 'local', up: true }];

interface Watched {
  heartbeat: SessionHeartbeat;
  verdict: HealthVerdict | undefined;
  /** Where the tally counts this session (its health and the state it had then). */
  tallied: TalliedVerdict | undefined;
  /** Past its silence limit with the hub quiet since: when the quiet itself settles it. */
  quietCheckAt: number | undefined;
}

function isStallReason(because: HealthVerdict['because']): because is StallReason {
  return because === 'no_progress' || because === 'tool_loop' || because === 'turn_overdue';
}

/**
 * The config checked (a `RangeError` naming the field: a host's mistake
 * shows at start, not as sessions that never or always alarm), with its four
 * global limits written out (what the server serves).
 */
function withDefaults(input: ThresholdConfig = {}, intervalMs: number): ThresholdConfig {
  const checked = checkThresholds(input, intervalMs);
  if (!checked.ok) throw new RangeError(`thresholds: ${checked.error}`);
  const config = checked.value;
  return Object.freeze({
    ...config,
    stallAfterMs: config.stallAfterMs ?? DEFAULT_THRESHOLDS.stallAfterMs,
    unresponsiveAfterMs: config.unresponsiveAfterMs ?? DEFAULT_THRESHOLDS.unresponsiveAfterMs,
    loopAfterRepeats: config.loopAfterRepeats ?? DEFAULT_THRESHOLDS.loopAfterRepeats,
    turnMaxMs: config.turnMaxMs ?? DEFAULT_THRESHOLDS.turnMaxMs,
  });
}

/** Whether `next` shows that the state of `previous` ended (a new state, tool or turn). */
function stateEnded(previous: SessionHeartbeat, next: SessionHeartbeat): boolean {
  return (
    previous.state !== next.state ||
    previous.toolName !== next.toolName ||
    previous.stateSince !== next.stateSince
  );
}

/**
 * Health on the server: every session of `hub` classified with core's
 * `assessHealth` on the hub's clock (the server has no connection to lose,
 * so nothing is `unknown` but a session with no heartbeat yet). A session is
 * re-assessed when its heartbeat arrives or when its verdict would change
 * (the stall, the overdue turn, the silence), from one heap and one timer
 * for all sessions: nothing polls every session. Totals are kept as verdicts
 * change, so reading the metrics costs the same however many sessions there
 * are.
 *
 * @example
 * const health = createHealthMonitor(emitter, { thresholds, tools: ['exec', 'browser'] });
 * health.metrics().sessions; // [{ health: 'stalled', state: 'tool_exec', count: 2 }, …]
 */
export function createHealthMonitor(
  hub: HeartbeatHub,
  options: HealthMonitorOptions = {},
): HealthMonitor {
  const timers = options.timers ?? defaultTimers;
  const declaredTools = new Set(options.tools ?? []);
  const directory = hub.sources;
  // An aggregator's gateways, as it hears them; a single emitter is one source, always up.
  const sources =
    options.sources ??
    (directory === undefined
      ? () => LOCAL_SOURCES
      : () => directory.list().map(({ id, status }) => ({ id, up: status === 'live' })));
  /** Sources not heard now: their sessions are unknown (`source_unreachable`), not unresponsive. */
  let unreachable = unreachableOf(sources());
  const tally = createHealthTally();
  const watched = new Map<string, Watched>();
  const heap = new DueHeap();
  let thresholds = withDefaults(options.thresholds, hub.interval);
  let learner: DurationLearner | undefined = resolveAdaptive(thresholds)
    ? createDurationLearner()
    : undefined;
  let handle: unknown;
  let armedAt: number | undefined;
  let disposed = false;
  let telemetry: OpenTelemetryBinding | undefined;
  /**
   * Silence counts only up to the hub's last emission, as a client's counts
   * up to the last frame it heard: a clock stepped forward, or a process
   * frozen and woken, makes every session look silent until the emitter's
   * next beats, which are already due. A session past its limit is
   * unresponsive once the hub speaks and says nothing of it, or once the hub
   * stayed quiet for `quietGraceMs` (every live session beats within an
   * interval: a hub that quiet has no live session left).
   */
  let heardAt = hub.now();
  const quietGraceMs = Math.ceil(hub.interval * 1.5);
  /** Sessions past their silence limit, waiting for the hub to speak. */
  const overdue = new Set<string>();

  function assess(sessionKey: string, entry: Watched, now: number, heard = heardAt): void {
    const {
      verdict,
      msUntilChange,
      overdue: silentUnheard,
    } = assessHealth(entry.heartbeat, {
      serverNow: now,
      heardAt: heard,
      sourceReachable:
        entry.heartbeat.source === undefined || !unreachable.has(entry.heartbeat.source),
      thresholds,
      ...(learner === undefined ? {} : { learned: learner }),
    });
    const before = entry.verdict?.health;
    if (verdict.health === 'stalled' && before !== 'stalled' && isStallReason(verdict.because)) {
      tally.stalled(verdict.because);
    }
    if (verdict.health === 'unresponsive' && before !== 'unresponsive') tally.unresponsive();
    const tallied = { health: verdict.health, state: entry.heartbeat.state };
    tally.move(entry.tallied, tallied);
    entry.verdict = verdict;
    entry.tallied = tallied;
    let nextAt = now + msUntilChange;
    if (silentUnheard) {
      entry.quietCheckAt ??= now + quietGraceMs;
      overdue.add(sessionKey);
      nextAt = Math.min(nextAt, entry.quietCheckAt);
    } else {
      entry.quietCheckAt = undefined;
      overdue.delete(sessionKey);
    }
    if (Number.isFinite(nextAt)) heap.set(sessionKey, nextAt);
    else heap.delete(sessionKey);
  }

  function stateCompleted(previous: SessionHeartbeat, endedAt: number): void {
    const durationMs = endedAt - previous.stateSince;
    // A clock stepped back between the two: no honest duration.
    if (durationMs < 0) return;
    const { state, toolName } = previous;
    const tool = isToolState(state)
      ? toolName !== undefined && declaredTools.has(toolName)
        ? toolName
        : OTHER_TOOL
      : undefined;
    tally.stateCompleted(state, tool, durationMs / 1000);
    telemetry?.stateCompleted(state, tool, durationMs / 1000);
    learner?.record(previous, durationMs);
  }

  function receive(heartbeat: SessionHeartbeat, now: number): void {
    const key = heartbeat.sessionKey;
    let entry = watched.get(key);
    if (entry === undefined) {
      entry = { heartbeat, verdict: undefined, tallied: undefined, quietCheckAt: undefined };
      watched.set(key, entry);
    } else {
      // A session that went silent did not complete its state: it hung.
      if (stateEnded(entry.heartbeat, heartbeat) && entry.verdict?.health !== 'unresponsive') {
        stateCompleted(entry.heartbeat, heartbeat.stateSince);
      }
      entry.heartbeat = heartbeat;
    }
    assess(key, entry, now);
  }

  function remove(sessionKey: string): void {
    const entry = watched.get(sessionKey);
    if (entry === undefined) return;
    watched.delete(sessionKey);
    heap.delete(sessionKey);
    overdue.delete(sessionKey);
    tally.move(entry.tallied, undefined);
  }

  /** Applies every change due by `now` (the timer may be late, or the clock moved on). */
  function catchUp(now: number): void {
    for (let top = heap.peek(); top !== undefined && top.dueAt <= now; top = heap.peek()) {
      const entry = watched.get(top.key);
      // assess() moves the key to its next change (strictly after now) or drops it.
      if (entry === undefined) heap.delete(top.key);
      else if (entry.quietCheckAt !== undefined && now >= entry.quietCheckAt) {
        assess(top.key, entry, now, now);
      } else assess(top.key, entry, now);
    }
  }

  function disarm(): void {
    if (armedAt === undefined) return;
    timers.clearTimeout(handle);
    handle = undefined;
    armedAt = undefined;
  }

  function arm(now: number): void {
    if (disposed) return;
    const top = heap.peek();
    if (top === undefined) return disarm();
    // An earlier timer is fine: it finds nothing due and re-arms.
    if (armedAt !== undefined && armedAt <= top.dueAt) return;
    disarm();
    armedAt = top.dueAt;
    handle = timers.setTimeout(fire, Math.min(MAX_TIMER_DELAY_MS, Math.max(0, top.dueAt - now)));
    unrefTimer(handle);
  }

  function fire(): void {
    handle = undefined;
    armedAt = undefined;
    const now = hub.now();
    catchUp(now);
    arm(now);
  }

  // A gateway lost or back: its sessions are judged again, at once.
  const unsubscribeSources = directory?.subscribe(() => {
    const now = hub.now();
    catchUp(now);
    const before = unreachable;
    unreachable = unreachableOf(sources());
    for (const [key, entry] of watched) {
      const source = entry.heartbeat.source;
      if (source !== undefined && before.has(source) !== unreachable.has(source)) {
        assess(key, entry, now);
      }
    }
    arm(now);
  });

  const unsubscribe = hub.subscribe((event) => {
    const now = hub.now();
    // What fell due before this event happened before it (with the hub heard as it was).
    catchUp(now);
    heardAt = now;
    if (event.type === 'removed') {
      remove(event.sessionKey);
    } else {
      tally.emitted(event.heartbeats.length);
      for (const heartbeat of event.heartbeats) receive(heartbeat, now);
    }
    // The hub spoke and said nothing of these: they are silent.
    for (const key of overdue) {
      const entry = watched.get(key);
      if (entry !== undefined) assess(key, entry, now);
    }
    arm(now);
  });
  const startedAt = hub.now();
  for (const heartbeat of hub.snapshot()) receive(heartbeat, startedAt);
  arm(startedAt);

  const monitor: HealthMonitor = {
    get thresholds() {
      return thresholds;
    },
    setThresholds(next) {
      thresholds = withDefaults(next, hub.interval);
      if (resolveAdaptive(thresholds) === undefined) learner = undefined;
      else learner ??= createDurationLearner();
      const now = hub.now();
      for (const [key, entry] of watched) assess(key, entry, now);
      arm(now);
      options.onThresholdsChange?.(thresholds);
    },
    verdict(sessionKey) {
      const now = hub.now();
      catchUp(now);
      arm(now);
      return watched.get(sessionKey)?.verdict;
    },
    metrics(): HealthMetrics {
      const now = hub.now();
      catchUp(now);
      arm(now);
      return { ...tally.read(), sources: sources().map((source) => ({ ...source })) };
    },
    get size() {
      return watched.size;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe();
      unsubscribeSources?.();
      disarm();
      telemetry?.close();
    },
  };
  if (options.meterProvider !== undefined) {
    telemetry = bindOpenTelemetry(options.meterProvider, () => monitor.metrics());
  }
  return monitor;
}

function unreachableOf(sources: readonly SourceStatus[]): ReadonlySet<string> {
  return new Set(sources.filter((source) => !source.up).map((source) => source.id));
}
