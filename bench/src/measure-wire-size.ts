/**
 * `pnpm --filter @session-heartbeat/bench wire` (or `node --expose-gc --import
 * tsx bench/src/measure-wire-size.ts`): what the v1.1 fields cost on the wire,
 * and what the history costs in memory. Prints figures; asserts nothing.
 *
 * - Bytes per heartbeat: every heartbeat the demo scenario emits in 30
 *   simulated minutes (its v1.1 members included: a test run reporting
 *   progress, a read loop, an overdue turn, labels), JSON-encoded with all
 *   its fields and with the v1 fields only.
 * - A 10,000-session snapshot frame: 10,000 heartbeats sampled from the demo
 *   every 2 s of those 30 minutes, keyed like the load scenario's, with and
 *   without the v1.1 fields, and with every session labelled (as an OpenClaw
 *   host names them all); then the load scenario's own 10,000 sessions (a
 *   v1 host: no new field), and the worst case (every v1.1 field at its
 *   longest).
 * - History: the heap that 10,000 sessions × 256 changes (its bound) hold.
 */
import type { SessionHeartbeat, SnapshotFrame } from '@session-heartbeat/core';
import { createHeartbeatEmitter, HISTORY_MAX_CHANGES } from '@session-heartbeat/emitter';
import { createManualClock, recordEmissions } from '@session-heartbeat/emitter/test-utils';
import { loadSessionKey, startScenario } from '@session-heartbeat/mock-server/scenarios';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
const SESSIONS = 10_000;
const V11_FIELDS = ['lastProgressAt', 'activity', 'toolRepeat', 'turnToolCalls', 'label'] as const;

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

function v1Only(heartbeat: SessionHeartbeat): SessionHeartbeat {
  const { lastProgressAt, activity, toolRepeat, turnToolCalls, label, ...v1 } = heartbeat;
  void [lastProgressAt, activity, toolRepeat, turnToolCalls, label]; // the v1.1 fields, dropped
  return v1;
}

function snapshotFrame(heartbeats: SessionHeartbeat[]): SnapshotFrame {
  return { type: 'snapshot', serverTime: T0, epoch: 'bench', interval: 5000, heartbeats };
}

/** The demo for 30 minutes: every heartbeat, and 10,000 sampled from its snapshots. */
function runDemo(): { beats: SessionHeartbeat[]; sampled: SessionHeartbeat[] } {
  const clock = createManualClock(T0);
  const emitter = createHeartbeatEmitter({ now: clock.now, timers: clock.timers, epoch: 'bench' });
  const { beats } = recordEmissions(emitter);
  const scenario = startScenario('demo', emitter, {
    seed: 1,
    now: clock.now,
    timers: clock.timers,
  });
  const sampled: SessionHeartbeat[] = [];
  for (let at = 0; at < 30 * MINUTE; at += 2000) {
    clock.advance(2000);
    for (const heartbeat of emitter.snapshot()) {
      if (sampled.length < SESSIONS) {
        sampled.push({ ...heartbeat, sessionKey: loadSessionKey(sampled.length) });
      }
    }
  }
  scenario.stop();
  emitter.dispose();
  if (sampled.length < SESSIONS) throw new Error(`only ${sampled.length} samples`);
  return { beats: [...beats], sampled };
}

/** The load scenario's 10,000 sessions after a minute at 2,000 transitions/s. */
function loadSnapshot(): SessionHeartbeat[] {
  const clock = createManualClock(T0);
  const emitter = createHeartbeatEmitter({ now: clock.now, timers: clock.timers, epoch: 'bench' });
  const scenario = startScenario('load', emitter, {
    sessions: SESSIONS,
    rate: 2000,
    now: clock.now,
    timers: clock.timers,
  });
  clock.advance(MINUTE);
  const heartbeats = emitter.snapshot();
  scenario.stop();
  emitter.dispose();
  return heartbeats;
}

/** Every v1.1 field at its longest: 200-character texts, large counts. */
function worstCase(heartbeat: SessionHeartbeat): SessionHeartbeat {
  return {
    ...heartbeat,
    lastProgressAt: heartbeat.emittedAt,
    activity: 'a'.repeat(200),
    toolRepeat: 999,
    turnToolCalls: 9999,
    label: 'l'.repeat(200),
  };
}

function heapUsed(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

/** Heap held by 10,000 sessions' histories at their bound (256 changes each). */
function historyHeap(): number {
  let now = T0;
  const emitter = createHeartbeatEmitter({
    now: () => now,
    timers: { setTimeout: () => undefined, clearTimeout: () => undefined },
  });
  const sessions = Array.from({ length: SESSIONS }, (_, index) =>
    emitter.session(loadSessionKey(index), { model: 'openai/gpt-5' }),
  );
  const before = heapUsed();
  const tools = ['exec', 'read', 'edit', 'web_search'];
  for (let change = 1; change < HISTORY_MAX_CHANGES; change += 1) {
    now += 10; // 256 changes within the 60-minute bound: all of them kept
    const state =
      change % 3 === 0 ? 'streaming' : change % 3 === 1 ? 'tool_exec' : 'awaiting_model';
    for (const session of sessions) {
      session.transition(state, state === 'tool_exec' ? { toolName: tools[change % 4] } : {});
    }
  }
  const after = heapUsed();
  const kept = emitter.history(loadSessionKey(0), T0)?.length ?? 0;
  if (kept !== HISTORY_MAX_CHANGES) throw new Error(`history kept ${kept} changes`);
  emitter.dispose();
  return after - before;
}

const kb = (value: number): string => `${(value / 1024).toFixed(1)} kB`;
const mb = (value: number): string => `${(value / 1024 / 1024).toFixed(2)} MB`;
const pct = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(1)} %`;

const { beats, sampled } = runDemo();
const fullBytes = beats.reduce((sum, beat) => sum + bytes(beat), 0);
const v1Bytes = beats.reduce((sum, beat) => sum + bytes(v1Only(beat)), 0);
const perBeatFull = fullBytes / beats.length;
const perBeatV1 = v1Bytes / beats.length;
console.log(`Bytes per heartbeat (JSON), the demo scenario, 30 min, ${beats.length} heartbeats:`);
console.log(`  v1 fields only    ${perBeatV1.toFixed(1)} B`);
console.log(
  `  with v1.1 fields  ${perBeatFull.toFixed(1)} B  (+${(perBeatFull - perBeatV1).toFixed(1)} B, +${pct(perBeatFull - perBeatV1, perBeatV1)})`,
);
for (const field of V11_FIELDS) {
  const carrying = beats.filter((beat) => beat[field] !== undefined).length;
  console.log(`  ${field.padEnd(15)} in ${pct(carrying, beats.length)} of them`);
}

const sampledFull = bytes(snapshotFrame(sampled));
const sampledV1 = bytes(snapshotFrame(sampled.map(v1Only)));
// An OpenClaw host names every session (its rows' displayName): the demo names 3 of 15.
const names = [
  ...new Set(sampled.map((beat) => beat.label).filter((label) => label !== undefined)),
];
const labelled = sampled.map((beat, index) => ({
  ...beat,
  label: beat.label ?? names[index % names.length] ?? 'Session',
}));
const labelledBytes = bytes(snapshotFrame(labelled));
const load = loadSnapshot();
const loadBytes = bytes(snapshotFrame(load));
const worst = bytes(snapshotFrame(sampled.map(worstCase)));
console.log(`\nA ${SESSIONS.toLocaleString('en')}-session snapshot frame (JSON):`);
console.log(`  demo mix, v1 fields only    ${mb(sampledV1)}`);
console.log(
  `  demo mix, with v1.1 fields  ${mb(sampledFull)}  (+${kb(sampledFull - sampledV1)}, +${pct(sampledFull - sampledV1, sampledV1)})`,
);
console.log(
  `  demo mix, every session labelled  ${mb(labelledBytes)}  (+${kb(labelledBytes - sampledV1)}, +${pct(labelledBytes - sampledV1, sampledV1)})`,
);
console.log(`  load scenario (a v1 host)   ${mb(loadBytes)}  (no v1.1 field: +0 B)`);
console.log(
  `  worst case (every v1.1 field at its longest)  ${mb(worst)}  (+${mb(worst - sampledV1)})`,
);

if (globalThis.gc === undefined) {
  console.log('\nHistory heap: run with node --expose-gc for this figure.');
} else {
  const held = historyHeap();
  console.log(
    `\nHistory heap, ${SESSIONS.toLocaleString('en')} sessions × ${HISTORY_MAX_CHANGES} changes: ${mb(held)} (${(held / SESSIONS / HISTORY_MAX_CHANGES).toFixed(1)} B a change)`,
  );
}
