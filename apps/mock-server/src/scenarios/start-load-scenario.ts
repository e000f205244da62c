import { DueHeap, type SessionState } from '@session-heartbeat/core';
import type { EmitterTimers, HeartbeatEmitter, SessionHandle } from '@session-heartbeat/emitter';
import { createRandom } from './create-random';
import { drawNextState, drawStartingPoint, drawStayMs, loadStretch } from './load-session-model';
import { SCENARIO_TOOLS } from './scenario-types';

const MODELS = [
  'anthropic/claude-sonnet-4-5',
  'openai/gpt-5',
  'openai/gpt-5-mini',
  'ollama/qwen3:32b',
  'google/gemini-2.5-pro',
] as const;
const TOOLS = SCENARIO_TOOLS;

/** How often the load ticks; every tick makes the transitions that fell due, as one batch. */
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
 * `sessions` sessions making `rate` transitions per second in total, each on
 * its own clock: a stay in a state is drawn from a heavy-tailed
 * distribution and the next state from a lifelike turn
 * (`LOAD_SESSION_MODEL`), and every session starts somewhere in its
 * turn, so the mix of states holds steady and no two sessions move
 * together. One timer and one emitter batch per tick; a due-time heap
 * tells which sessions are due. The same seed replays the same run.
 */
export function startLoadScenario(
  emitter: HeartbeatEmitter,
  options: LoadScenarioOptions,
): { release(sessionKey: string): void; isDriving(sessionKey: string): boolean; stop(): void } {
  const { sessions: count, rate, now, timers } = options;
  const random = createRandom(options.seed);
  const moving = rate > 0 && count > 0;
  const stretch = moving ? loadStretch(count, rate) : 0;
  const due = new DueHeap();
  const start = now();
  // The tool each session's tool call runs: an approval leads back to the same one.
  const tools = new Uint8Array(count);

  function enter(session: SessionHandle, index: number, state: SessionState): void {
    // The first token starts the stream: recorded first, so the transition carries it.
    if (state === 'streaming') session.tokenReceived();
    if (state === 'tool_exec' || state === 'tool_wait') {
      session.transition(state, { toolName: TOOLS[tools[index] ?? 0] ?? 'exec' });
    } else {
      session.transition(state);
    }
  }

  const handles: (SessionHandle | undefined)[] = emitter.batch(() =>
    Array.from({ length: count }, (_, index) => {
      const session = emitter.session(loadSessionKey(index), { model: random.pick(MODELS) });
      tools[index] = random.between(0, TOOLS.length - 1);
      if (moving) {
        const { state, remainingMs } = drawStartingPoint(stretch, random);
        // A new turn forgets earlier tokens: a session that starts mid-stream leaves idle first.
        if (state === 'streaming') session.transition('awaiting_model');
        if (state !== 'idle') enter(session, index, state);
        due.set(session.key, start + remainingMs);
      }
      return session;
    }),
  );
  const indexOf = new Map(handles.map((handle, index) => [handle?.key ?? '', index]));
  let handle: unknown;
  let stopped = false;

  function advance(index: number, dueAt: number): void {
    const session = handles[index];
    if (!session) return;
    try {
      // From the state it is in: a restart from outside leaves it idle, and its turn starts over.
      const state = drawNextState(session.state, random);
      if (state === 'tool_exec' && session.state !== 'tool_wait') {
        tools[index] = random.between(0, TOOLS.length - 1);
      }
      enter(session, index, state);
      // From when it fell due, not from the tick: a late timer does not slow the load down.
      due.set(session.key, dueAt + drawStayMs(state, stretch, random));
    } catch {
      // Crashed or removed from outside: leave it be.
      handles[index] = undefined;
      due.delete(session.key);
    }
  }

  function tick(): void {
    if (stopped) return;
    const at = now();
    emitter.batch(() => {
      for (let next = due.peek(); next !== undefined && next.dueAt <= at; next = due.peek()) {
        const index = indexOf.get(next.key);
        if (index === undefined) due.delete(next.key);
        else advance(index, next.dueAt);
      }
    });
    handle = timers.setTimeout(tick, TICK_MS);
  }
  if (moving) handle = timers.setTimeout(tick, TICK_MS);

  return {
    release(sessionKey) {
      const index = indexOf.get(sessionKey);
      if (index !== undefined) handles[index] = undefined;
      due.delete(sessionKey);
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
