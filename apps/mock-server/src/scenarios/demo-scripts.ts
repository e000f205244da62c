import type { ActorContext, ActorScript } from './create-actor-engine';

/**
 * Enters `streaming` the way a model does: its first token is what starts
 * the stream, so it is recorded before the transition and the transition's
 * heartbeat carries `lastTokenAt` (after it, the time would only reach a
 * reader with the next beat, and a short stream would show "streaming, no
 * token yet" from start to end).
 */
export function startStreaming(context: Pick<ActorContext, 'session'>): void {
  context.session.tokenReceived();
  context.session.transition('streaming');
}

/** Streams tokens for about `durationMs`: lifecycle-neutral tokens, one emission at the start. */
function* stream(context: ActorContext, durationMs: number, gapMs: [number, number]): ActorScript {
  const { session, random } = context;
  startStreaming(context);
  const endsAt = context.now() + durationMs;
  while (context.now() < endsAt) {
    session.tokenReceived();
    yield random.between(gapMs[0], gapMs[1]);
  }
}

function* finishTurn(context: ActorContext): ActorScript {
  context.session.transition('complete');
  yield context.random.between(1200, 3500);
  context.session.transition('idle');
}

/** Quick answers: a short wait for the model, a few seconds of streaming. */
export function* quickAnswers(context: ActorContext): ActorScript {
  const { session, random } = context;
  for (;;) {
    yield context.rest(6000, 20_000);
    session.transition('awaiting_model', { turnId: context.nextTurnId() });
    yield random.between(500, 2500);
    yield* stream(context, random.between(2000, 7000), [80, 350]);
    yield* finishTurn(context);
  }
}

/** A slow local model: 20–40 s before the first token, then slow tokens. */
export function* slowModel(context: ActorContext): ActorScript {
  const { session, random } = context;
  for (;;) {
    yield context.rest(10_000, 25_000);
    session.transition('awaiting_model', { turnId: context.nextTurnId() });
    yield random.between(20_000, 40_000);
    yield* stream(context, random.between(6000, 14_000), [400, 1200]);
    yield* finishTurn(context);
  }
}

/** Runs one tool and hands the result back to the model. */
function* runTool(context: ActorContext, toolName: string, durationMs: number): ActorScript {
  context.session.transition('tool_exec', { toolName });
  yield durationMs;
  context.session.transition('awaiting_model');
  yield context.random.between(700, 2200);
}

/** Tool chains: two to four tools, then an answer. */
export function toolChain(tools: readonly string[]): (context: ActorContext) => ActorScript {
  return function* chain(context) {
    const { session, random } = context;
    for (;;) {
      yield context.rest(8000, 20_000);
      session.transition('awaiting_model', { turnId: context.nextTurnId() });
      yield random.between(800, 2500);
      const steps = random.between(2, 4);
      for (let index = 0; index < steps; index += 1) {
        yield* runTool(context, random.pick(tools), random.between(1500, 7000));
      }
      yield* stream(context, random.between(2000, 6000), [80, 300]);
      yield* finishTurn(context);
    }
  };
}

/** A tool that needs a human's approval: a long `tool_wait`, which is waiting, not stalled. */
export function* approvalWait(context: ActorContext): ActorScript {
  const { session, random } = context;
  for (;;) {
    yield context.rest(8000, 18_000);
    session.transition('awaiting_model', { turnId: context.nextTurnId() });
    yield random.between(800, 2000);
    session.transition('tool_exec', { toolName: 'exec' });
    yield random.between(400, 1200);
    session.transition('tool_wait', { toolName: 'exec' });
    yield random.between(25_000, 70_000);
    session.transition('tool_exec', { toolName: 'exec' });
    yield random.between(1500, 4000);
    session.transition('awaiting_model');
    yield random.between(700, 2000);
    yield* stream(context, random.between(2000, 5000), [80, 300]);
    yield* finishTurn(context);
  }
}

/** A tool that hangs well past the 30 s stall threshold before it finally returns. */
export function* hangingTool(context: ActorContext): ActorScript {
  const { session, random } = context;
  for (;;) {
    yield context.rest(5000, 15_000);
    session.transition('awaiting_model', { turnId: context.nextTurnId() });
    yield random.between(800, 2000);
    yield* runTool(context, 'read', random.between(800, 2000));
    session.transition('tool_exec', { toolName: random.pick(['exec', 'browser']) });
    yield random.between(45_000, 90_000);
    session.transition('awaiting_model');
    yield random.between(1000, 3000);
    yield* stream(context, random.between(2000, 5000), [80, 300]);
    yield* finishTurn(context);
  }
}

/** Answers a few turns, then its process dies mid-stream: silent until restarted. */
export function* crashes(context: ActorContext): ActorScript {
  const { session, random } = context;
  const turnsBeforeCrash = random.between(1, 3);
  for (let turn = 0; ; turn += 1) {
    yield context.rest(5000, 12_000);
    session.transition('awaiting_model', { turnId: context.nextTurnId() });
    yield random.between(500, 2000);
    startStreaming(context);
    yield random.between(1500, 4000);
    if (turn >= turnsBeforeCrash) {
      session.crash();
      yield Infinity;
    }
    yield* finishTurn(context);
  }
}

/** Mostly idle, now and then a quick answer. */
export function* mostlyIdle(context: ActorContext): ActorScript {
  const { session, random } = context;
  for (;;) {
    yield context.rest(30_000, 90_000);
    session.transition('awaiting_model', { turnId: context.nextTurnId() });
    yield random.between(800, 3000);
    yield* stream(context, random.between(1500, 4000), [100, 400]);
    yield* finishTurn(context);
  }
}

/** Never does anything: an idle session that only beats periodically. */
export function* alwaysIdle(): ActorScript {
  yield Infinity;
}

/** The long test run: `npm test` prints a line every `everyMs` for `durationMs`. */
export const LONG_TEST_RUN = { durationMs: 100_000, everyMs: 1000, tests: 120 } as const;

/**
 * A long `npm test` that prints a line every second: slow, but working, so
 * never stalled (the stall clock runs from its latest output). 100 s, three
 * times the stall threshold, and short enough that its whole turn stays under
 * the demo's 2-minute turn limit.
 */
export function* longTestRun(context: ActorContext): ActorScript {
  const { session } = context;
  const { durationMs, everyMs, tests } = LONG_TEST_RUN;
  for (;;) {
    yield context.rest(8000, 15_000);
    session.transition('awaiting_model', { turnId: context.nextTurnId() });
    yield 1500;
    session.toolCall('exec', 'exec npm test');
    const startedAt = context.now();
    while (context.now() - startedAt < durationMs) {
      yield everyMs;
      const passed = Math.min(
        tests,
        Math.floor(((context.now() - startedAt) / durationMs) * tests),
      );
      session.progress(undefined, `npm test: ${passed}/${tests}`);
    }
    session.transition('awaiting_model');
    yield 1500;
    yield* stream(context, 4000, [80, 300]);
    yield* finishTurn(context);
  }
}

/** The loop: `read` of the same file, `calls` times in a row, each `callMs` long. */
export const READ_LOOP = { calls: 6, callMs: 4000, gapMs: 1500 } as const;

/**
 * An agent that reads the same file six times in a row before it answers:
 * busy and green by every v1 rule, `tool_loop` from the fifth call on.
 */
export function* readLoop(context: ActorContext): ActorScript {
  const { session } = context;
  const { calls, callMs, gapMs } = READ_LOOP;
  for (;;) {
    yield context.rest(10_000, 20_000);
    session.transition('awaiting_model', { turnId: context.nextTurnId() });
    yield 1200;
    for (let call = 0; call < calls; call += 1) {
      session.toolCall('read', 'read {"path":"src/config.ts"}');
      yield callMs;
      session.transition('awaiting_model');
      yield gapMs;
    }
    yield* stream(context, 3000, [80, 300]);
    yield* finishTurn(context);
  }
}

/** The overdue turn: it streams for `streamMs`, past the demo's 2-minute turn limit. */
export const OVERDUE_TURN = { streamMs: 180_000, sectionEveryMs: 15_000, sections: 12 } as const;

/**
 * A turn that keeps streaming for three minutes: never silent, so never
 * `no_progress`, but `turn_overdue` once it is older than the turn limit.
 */
export function* overdueTurn(context: ActorContext): ActorScript {
  const { session, random } = context;
  const { streamMs, sectionEveryMs, sections } = OVERDUE_TURN;
  for (;;) {
    yield context.rest(10_000, 20_000);
    session.transition('awaiting_model', { turnId: context.nextTurnId() });
    yield 1500;
    startStreaming(context);
    const startedAt = context.now();
    let section = 0;
    while (context.now() - startedAt < streamMs) {
      session.tokenReceived();
      const reached = Math.min(
        sections,
        Math.floor((context.now() - startedAt) / sectionEveryMs) + 1,
      );
      if (reached !== section) {
        section = reached;
        session.progress(undefined, `writing the report: section ${section}/${sections}`);
      }
      yield random.between(150, 600);
    }
    yield* finishTurn(context);
  }
}
