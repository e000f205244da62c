import type { SessionState } from '@session-heartbeat/core';
import type { EmitterTimers, HeartbeatEmitter, SessionHandle } from '@session-heartbeat/emitter';
import { createRandom } from './create-random';
import { SCENARIO_TOOLS } from './scenario-types';

const MODELS = [
  'anthropic/claude-sonnet-4-5',
  'openai/gpt-5',
  'openai/gpt-5-mini',
  'ollama/qwen3:32b',
  'google/gemini-2.5-pro',
] as const;
const TOOLS = SCENARIO_TOOLS;

/** Each load session walks this turn, one step per transition. */
const CYCLE: readonly SessionState[] = [
  'awaiting_model',
  'streaming',
  'tool_exec',
  'awaiting_model',
  'streaming',
  'complete',
  'idle',
];

/** How often the load ticks; every tick makes the transitions it owes, as one batch. */
const TICK_MS = 50;

export interface LoadScenarioOptions {
  sessions: number;
  rate: number;
  seed: number;
  now: () => number;
  timers: EmitterTimers;
}

export function loadSessionKey(index: number): string {
  return `agent:load:bench:direct:${String(index).padStart(6, '0')}`;
}

/**
 * `sessions` sessions making `rate` transitions per second in total, in
 * round-robin so that every session moves equally often; one timer, one
 * emitter batch per tick. Returns the functions the scenario handle needs.
 */
export function startLoadScenario(
  emitter: HeartbeatEmitter,
  options: LoadScenarioOptions,
): { release(sessionKey: string): void; isDriving(sessionKey: string): boolean; stop(): void } {
  const { sessions: count, rate, now, timers } = options;
  const random = createRandom(options.seed);
  const handles: (SessionHandle | undefined)[] = emitter.batch(() =>
    Array.from({ length: count }, (_, index) =>
      emitter.session(loadSessionKey(index), { model: random.pick(MODELS) }),
    ),
  );
  const indexOf = new Map(handles.map((handle, index) => [handle?.key ?? '', index]));
  const steps = new Uint8Array(count);
  let cursor = count > 0 ? random.between(0, count - 1) : 0;
  let owed = 0;
  let lastTickAt = now();
  let handle: unknown;
  let stopped = false;

  function advance(index: number): void {
    const session = handles[index];
    if (!session) return;
    const step = steps[index] ?? 0;
    const state = CYCLE[step] ?? 'idle';
    steps[index] = (step + 1) % CYCLE.length;
    try {
      // The first token starts the stream: recorded first, so the transition carries it.
      if (state === 'streaming') session.tokenReceived();
      if (state === 'tool_exec')
        session.transition(state, { toolName: TOOLS[index % TOOLS.length] });
      else session.transition(state);
    } catch {
      // Crashed or removed from outside: leave it be.
      handles[index] = undefined;
    }
  }

  function tick(): void {
    if (stopped) return;
    const at = now();
    // Owed transitions follow elapsed time, so a late timer catches up.
    owed += (rate * (at - lastTickAt)) / 1000;
    lastTickAt = at;
    const due = Math.floor(owed);
    owed -= due;
    if (count > 0 && due > 0) {
      emitter.batch(() => {
        for (let made = 0; made < due; made += 1) {
          advance(cursor);
          cursor = (cursor + 1) % count;
        }
      });
    }
    handle = timers.setTimeout(tick, TICK_MS);
  }
  if (rate > 0 && count > 0) handle = timers.setTimeout(tick, TICK_MS);

  return {
    release(sessionKey) {
      const index = indexOf.get(sessionKey);
      if (index !== undefined) handles[index] = undefined;
    },
    isDriving(sessionKey) {
      const index = indexOf.get(sessionKey);
      return index !== undefined && handles[index] !== undefined;
    },
    stop() {
      stopped = true;
      timers.clearTimeout(handle);
    },
  };
}
