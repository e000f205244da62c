import type { ActorContext, ActorScript } from '../create-actor-engine';
import type { GatewaySessionDriver } from './create-gateway-session-driver';

/** Tokens for about `durationMs`. */
function* stream(context: ActorContext, durationMs: number): ActorScript {
  context.session.transition('streaming');
  const endsAt = context.now() + durationMs;
  while (context.now() < endsAt) {
    context.session.tokenReceived();
    yield context.random.between(80, 300);
  }
}

/** Long answers that the user, half the time, stops midway (chat `aborted`). */
export function abortedAnswers(driver: GatewaySessionDriver) {
  return function* script(context: ActorContext): ActorScript {
    const { random } = context;
    for (;;) {
      yield context.rest(8000, 20_000);
      driver.transition('awaiting_model', { turnId: context.nextTurnId() });
      yield random.between(600, 2000);
      const aborts = random.chance(0.5);
      yield* stream(context, aborts ? random.between(2000, 4000) : random.between(4000, 9000));
      if (aborts) driver.abort();
      else driver.transition('complete');
      yield random.between(1500, 3500);
      driver.transition('idle');
    }
  };
}

/**
 * A provider that fails now and then: the run errors, and the gateway
 * retries it under the same run id, or gives up (the chat `error`).
 */
export function flakyProvider(driver: GatewaySessionDriver) {
  return function* script(context: ActorContext): ActorScript {
    const { random } = context;
    for (;;) {
      yield context.rest(10_000, 25_000);
      driver.transition('awaiting_model', { turnId: context.nextTurnId() });
      yield random.between(1000, 3000);
      driver.fail();
      yield random.between(2000, 6000);
      if (random.chance(0.6)) {
        driver.retry();
        yield random.between(1500, 4000);
        yield* stream(context, random.between(2000, 5000));
        driver.transition('complete');
      } else {
        driver.giveUp();
      }
      yield random.between(1500, 3500);
      driver.transition('idle');
    }
  };
}

/** A subagent's one task: a couple of tools, an answer, and then it leaves the session list. */
export function subagentTask(driver: GatewaySessionDriver) {
  return function* script(context: ActorContext): ActorScript {
    const { random } = context;
    driver.transition('awaiting_model', { turnId: context.nextTurnId() });
    yield random.between(800, 2000);
    for (let step = random.between(1, 3); step > 0; step -= 1) {
      driver.transition('tool_exec', { toolName: random.pick(['web_search', 'read', 'exec']) });
      yield random.between(1500, 6000);
      driver.transition('awaiting_model');
      yield random.between(600, 1500);
    }
    yield* stream(context, random.between(1500, 4000));
    driver.transition('complete');
    yield random.between(15_000, 25_000);
    // Unlisted: the next list removes it from the emitter, and the engine drops it.
    driver.remove();
    yield Infinity;
  };
}
