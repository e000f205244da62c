import type { EmitterTimers, HeartbeatEmitter, SessionHandle } from '@session-heartbeat/emitter';
import type { Random } from './create-random';

/**
 * A session's behaviour as a generator: it acts on the session, then yields
 * how many ms to wait before its next step (`Infinity` parks it until
 * something outside, such as a restart, resets it).
 */
export type ActorScript = Generator<number, void, void>;

export interface ActorContext {
  readonly session: SessionHandle;
  readonly random: Random;
  now(): number;
  /** A new turn id, unique per session and deterministic. */
  nextTurnId(): string;
  /**
   * How long to rest (idle) before the next turn, in [min, max] ms; the very
   * first rest is short, so that a demo is lively as soon as it starts.
   */
  rest(min: number, max: number): number;
}

export type ScriptFactory = (context: ActorContext) => ActorScript;

interface Actor {
  key: string;
  context: ActorContext;
  factory: ScriptFactory;
  script: ActorScript | undefined;
  nextAt: number;
  order: number;
}

export interface ActorEngine {
  add(session: SessionHandle, factory: ScriptFactory, random: Random, firstStepInMs: number): void;
  release(sessionKey: string): void;
  isDriving(sessionKey: string): boolean;
  /** Runs at once the steps that are due by `now()` (the clock was moved on). */
  catchUp(): void;
  stop(): void;
}

/** After a restart, how long a session rests before the script starts over. */
const REST_AFTER_RESET_MS: [number, number] = [3000, 8000];

/**
 * Runs many scripted sessions from one timer, armed for the earliest step.
 * A transition it did not make itself (a restart, the control API) resets
 * that session's script: it starts over from idle.
 */
export function createActorEngine(
  emitter: HeartbeatEmitter,
  now: () => number,
  timers: EmitterTimers,
): ActorEngine {
  const actors = new Map<string, Actor>();
  let order = 0;
  let acting = false;
  let handle: unknown;
  let armedAt: number | undefined;
  let stopped = false;

  function arm(): void {
    if (stopped) return;
    let earliest = Infinity;
    for (const actor of actors.values()) earliest = Math.min(earliest, actor.nextAt);
    if (armedAt === earliest) return;
    if (armedAt !== undefined) timers.clearTimeout(handle);
    armedAt = undefined;
    if (earliest === Infinity) return;
    armedAt = earliest;
    handle = timers.setTimeout(fire, Math.max(0, earliest - now()));
  }

  function step(actor: Actor): void {
    try {
      actor.script ??= actor.factory(actor.context);
      const result = actor.script.next();
      if (result.done) {
        actor.script = undefined;
        actor.nextAt = now();
      } else {
        actor.nextAt = now() + Math.max(1, result.value);
      }
    } catch {
      // The session was crashed or removed under the script: stop driving it.
      actors.delete(actor.key);
    }
  }

  function fire(): void {
    armedAt = undefined;
    const at = now();
    const due = [...actors.values()]
      .filter((actor) => actor.nextAt <= at)
      .sort((a, b) => a.nextAt - b.nextAt || a.order - b.order);
    // The batch delivers its events before it returns, so `acting` still
    // tells the listener that these transitions are the scripts' own.
    acting = true;
    try {
      emitter.batch(() => due.forEach(step));
    } finally {
      acting = false;
    }
    arm();
  }

  function reset(actor: Actor): void {
    actor.script?.return();
    actor.script = undefined;
    const [min, max] = REST_AFTER_RESET_MS;
    actor.nextAt = now() + actor.context.random.between(min, max);
  }

  const unsubscribe = emitter.subscribe((event) => {
    if (event.type === 'removed') {
      actors.delete(event.sessionKey);
      return;
    }
    if (acting) return;
    let changed = false;
    for (const heartbeat of event.heartbeats) {
      const actor =
        heartbeat.reason === 'transition' ? actors.get(heartbeat.sessionKey) : undefined;
      if (actor) {
        reset(actor);
        changed = true;
      }
    }
    if (changed) arm();
  });

  return {
    add(session, factory, random, firstStepInMs) {
      let turns = 0;
      let rested = false;
      const context: ActorContext = {
        session,
        random,
        now,
        nextTurnId: () => `${session.key.split(':')[1] ?? 'turn'}-${(turns += 1)}`,
        rest(min, max) {
          const first = !rested;
          rested = true;
          return first ? random.between(200, Math.min(max, 4000)) : random.between(min, max);
        },
      };
      actors.set(session.key, {
        key: session.key,
        context,
        factory,
        script: undefined,
        nextAt: now() + firstStepInMs,
        order: order++,
      });
      arm();
    },
    release(sessionKey) {
      if (actors.delete(sessionKey)) arm();
    },
    isDriving: (sessionKey) => actors.has(sessionKey),
    catchUp() {
      // The timer was armed on the old time: it would fire a real delay late.
      if (armedAt === undefined || armedAt > now()) return;
      timers.clearTimeout(handle);
      fire();
    },
    stop() {
      stopped = true;
      unsubscribe();
      if (armedAt !== undefined) timers.clearTimeout(handle);
      armedAt = undefined;
      actors.clear();
    },
  };
}
