import type { HeartbeatEmitter, SessionHandle } from '@session-heartbeat/emitter';
import type { ManualClock } from '@session-heartbeat/emitter/test-utils';
import { MINUTE, NOW, SECOND } from './fixtures';

const SONNET = 'anthropic/claude-sonnet-4-5';
const GPT = 'openai/gpt-5';
const LLAMA = 'ollama/llama3.3:70b';

/** Human names for some sessions, as a host would supply them. */
export const LABELS: Readonly<Record<string, string>> = {
  'agent:main:main': 'Main assistant',
  'agent:research:main': 'Research',
  'agent:coder:cron:nightly': 'Nightly build',
  'agent:ops:main': 'Ops',
  'agent:coder:main': 'Coder',
  'agent:writer:main': 'Writer',
  'agent:main:cron:digest': 'Daily digest',
};

export const getLabel = (sessionKey: string): string | undefined => LABELS[sessionKey];

type Step = [at: number, run: () => void];

/** Tokens every `everyMs` from `from` to `to` (the next periodic beat carries them). */
function tokens(
  session: () => SessionHandle,
  from: number,
  to: number,
  everyMs = 2 * SECOND,
): Step[] {
  const steps: Step[] = [];
  for (let at = from; at <= to; at += everyMs) steps.push([at, () => session().tokenReceived(at)]);
  return steps;
}

/**
 * Twelve sessions that, at `NOW`, cover every health the emitter can produce:
 * 1 unresponsive, 3 stalled (no first token, a long tool, no token), 2
 * waiting (model, approval), 3 active, 3 idle — each with a short past for
 * its timeline.
 */
export function twelveSessions(emitter: HeartbeatEmitter, clock: ManualClock): void {
  const get = (key: string) => () => emitter.get(key) as SessionHandle;
  const steps: Step[] = [
    [
      NOW - 14 * MINUTE,
      () => {
        for (const key of [
          'agent:ops:main',
          'agent:research:main',
          'agent:coder:cron:nightly',
          'agent:triage:main',
          'agent:ops:telegram:direct:4711',
          'agent:ops:discord:direct:991',
          'agent:main:main',
          'agent:coder:main',
          'agent:main:slack:group:c0ffee',
          'agent:main:whatsapp:direct:31612',
          'agent:writer:main',
          'agent:main:cron:digest',
        ]) {
          emitter.createSession(key, { model: key.includes('ops') ? GPT : SONNET });
        }
      },
    ],
    // A digest ran nine minutes ago and finished.
    [
      NOW - 11 * MINUTE,
      () => get('agent:main:cron:digest')().transition('awaiting_model', { turnId: 'digest-1' }),
    ],
    [
      NOW - 10 * MINUTE - 40 * SECOND,
      () => get('agent:main:cron:digest')().transition('streaming'),
    ],
    [NOW - 9 * MINUTE, () => get('agent:main:cron:digest')().transition('idle')],
    // The writer finished a turn four minutes ago.
    [
      NOW - 6 * MINUTE,
      () => get('agent:writer:main')().transition('awaiting_model', { turnId: 'w-7' }),
    ],
    [NOW - 5 * MINUTE, () => get('agent:writer:main')().transition('streaming')],
    [NOW - 4 * MINUTE, () => get('agent:writer:main')().transition('idle')],
    // Waiting on a person to approve a browser action for three minutes.
    [
      NOW - 4 * MINUTE,
      () =>
        get('agent:ops:discord:direct:991')().transition('awaiting_model', {
          turnId: 'd-3',
          model: GPT,
        }),
    ],
    [
      NOW - 3 * MINUTE,
      () => get('agent:ops:discord:direct:991')().transition('tool_wait', { toolName: 'browser' }),
    ],
    // Nightly build: its exec tool has run for 65 s (limit 30 s).
    [
      NOW - 3 * MINUTE,
      () => get('agent:coder:cron:nightly')().transition('awaiting_model', { turnId: 'n-42' }),
    ],
    [NOW - 2 * MINUTE, () => get('agent:coder:cron:nightly')().transition('streaming')],
    [
      NOW - 65 * SECOND,
      () => get('agent:coder:cron:nightly')().transition('tool_exec', { toolName: 'exec' }),
    ],
    // Ops: was streaming, then its process hung 20 s ago.
    [
      NOW - 70 * SECOND,
      () => get('agent:ops:main')().transition('awaiting_model', { turnId: 'o-9' }),
    ],
    [NOW - 50 * SECOND, () => get('agent:ops:main')().transition('streaming')],
    ...tokens(get('agent:ops:main'), NOW - 50 * SECOND, NOW - 22 * SECOND),
    [NOW - 20 * SECOND, () => get('agent:ops:main')().crash()],
    // Research: a slow local model, no first token for 42 s.
    [
      NOW - 63 * SECOND,
      () =>
        get('agent:research:main')().transition('awaiting_model', { turnId: 'r-1', model: LLAMA }),
    ],
    [
      NOW - 55 * SECOND,
      () => get('agent:research:main')().transition('tool_exec', { toolName: 'web_search' }),
    ],
    [NOW - 42 * SECOND, () => get('agent:research:main')().transition('awaiting_model')],
    // Triage: a stream that stopped sending tokens 35 s ago.
    [
      NOW - 60 * SECOND,
      () => get('agent:triage:main')().transition('awaiting_model', { turnId: 't-5', model: GPT }),
    ],
    [NOW - 50 * SECOND, () => get('agent:triage:main')().transition('streaming')],
    ...tokens(get('agent:triage:main'), NOW - 50 * SECOND, NOW - 35 * SECOND, 5 * SECOND),
    // Active: streaming, running a tool, streaming.
    [
      NOW - 30 * SECOND,
      () => get('agent:main:main')().transition('awaiting_model', { turnId: 'm-12' }),
    ],
    [NOW - 12 * SECOND, () => get('agent:main:main')().transition('streaming')],
    ...tokens(get('agent:main:main'), NOW - 12 * SECOND, NOW - 1 * SECOND, SECOND),
    [
      NOW - 40 * SECOND,
      () => get('agent:coder:main')().transition('awaiting_model', { turnId: 'c-3' }),
    ],
    [NOW - 20 * SECOND, () => get('agent:coder:main')().transition('streaming')],
    [
      NOW - 5 * SECOND,
      () => get('agent:coder:main')().transition('tool_exec', { toolName: 'browser' }),
    ],
    [
      NOW - 24 * SECOND,
      () => get('agent:main:slack:group:c0ffee')().transition('awaiting_model', { turnId: 's-8' }),
    ],
    [NOW - 20 * SECOND, () => get('agent:main:slack:group:c0ffee')().transition('streaming')],
    ...tokens(get('agent:main:slack:group:c0ffee'), NOW - 20 * SECOND, NOW - 2 * SECOND),
    // Waiting for a model that answers normally.
    [
      NOW - 8 * SECOND,
      () =>
        get('agent:ops:telegram:direct:4711')().transition('awaiting_model', { turnId: 'tg-1' }),
    ],
    // A turn that completed 25 s ago.
    [
      NOW - 90 * SECOND,
      () =>
        get('agent:main:whatsapp:direct:31612')().transition('awaiting_model', { turnId: 'wa-2' }),
    ],
    [NOW - 70 * SECOND, () => get('agent:main:whatsapp:direct:31612')().transition('streaming')],
    [NOW - 25 * SECOND, () => get('agent:main:whatsapp:direct:31612')().transition('complete')],
  ];
  steps.sort((a, b) => a[0] - b[0]);
  for (const [at, run] of steps) {
    clock.advanceTo(at);
    run();
  }
}

/** `count` sessions named `agent:load-N:main`, most idle, some busy, a few stalled. */
export function manySessions(count: number) {
  return (emitter: HeartbeatEmitter, clock: ManualClock): void => {
    const width = String(count - 1).length;
    clock.advanceTo(NOW - 45 * SECOND); // few periodic beats to replay before NOW
    emitter.batch(() => {
      for (let index = 0; index < count; index += 1) {
        emitter.createSession(`agent:load-${String(index).padStart(width, '0')}:main`, {
          model: index % 3 === 0 ? GPT : SONNET,
        });
      }
    });
    clock.advanceTo(NOW - 40 * SECOND);
    emitter.batch(() => {
      for (let index = 0; index < count; index += 7) {
        const key = `agent:load-${String(index).padStart(width, '0')}:main`;
        emitter.get(key)?.transition('awaiting_model', { turnId: `t-${index}` });
      }
    });
    clock.advanceTo(NOW - 5 * SECOND);
    emitter.batch(() => {
      for (let index = 0; index < count; index += 7) {
        if (index % 21 === 0) continue; // these stay waiting: stalled by NOW
        const key = `agent:load-${String(index).padStart(width, '0')}:main`;
        emitter.get(key)?.transition('streaming');
      }
    });
  };
}
