import type { ActorContext, ActorScript } from './create-actor-engine';

/** Streams tokens for about `durationMs`: lifecycle-neutral tokens, one emission at the start. */
function* stream(context: ActorContext, durationMs: number, gapMs: [number, number]): ActorScript {
  const { session, random } = context;
  session.transition('streaming');
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
    session.transition('streaming');
    session.tokenReceived();
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
