import type { HeartbeatEmitter } from '@session-heartbeat/emitter';
import type { ActorContext, ActorEngine, ActorScript } from './create-actor-engine';
import { createRandom, deriveSeed } from './create-random';
import {
  alwaysIdle,
  approvalWait,
  crashes,
  hangingTool,
  longTestRun,
  mostlyIdle,
  overdueTurn,
  quickAnswers,
  readLoop,
  slowModel,
  toolChain,
} from './demo-scripts';

interface CastMember {
  sessionKey: string;
  model?: string;
  /** The session's name for people (v1.1 `label`). */
  label?: string;
  script: (context: ActorContext) => ActorScript;
}

/**
 * About a dozen sessions with the host's key shapes, models and tools, and
 * three that show why a session needs a look beyond silence (v1.1): a long
 * test run that reports progress (never stalled), a loop of the same read
 * (`tool_loop`) and a turn that streams past the turn limit (`turn_overdue`).
 */
export const DEMO_CAST: readonly CastMember[] = [
  { sessionKey: 'agent:main:main', model: 'anthropic/claude-sonnet-4-5', script: quickAnswers },
  {
    sessionKey: 'agent:ops:telegram:direct:4711',
    model: 'openai/gpt-5',
    script: toolChain(['exec', 'read', 'edit']),
  },
  {
    sessionKey: 'agent:research:discord:group:42',
    model: 'anthropic/claude-opus-4-1',
    script: toolChain(['web_search', 'browser', 'read']),
  },
  { sessionKey: 'agent:local:main', model: 'ollama/qwen3:32b', script: slowModel },
  { sessionKey: 'agent:ops:slack:group:deploys', model: 'openai/gpt-5', script: approvalWait },
  { sessionKey: 'agent:build:main', model: 'anthropic/claude-sonnet-4-5', script: hangingTool },
  {
    sessionKey: 'agent:support:whatsapp:direct:15550123',
    model: 'openai/gpt-5-mini',
    script: crashes,
  },
  {
    sessionKey: 'agent:main:telegram:direct:1001',
    model: 'anthropic/claude-haiku-4-5',
    script: quickAnswers,
  },
  { sessionKey: 'agent:home:signal:direct:9001', model: 'ollama/llama3.3:70b', script: mostlyIdle },
  { sessionKey: 'agent:notes:main', model: 'google/gemini-2.5-pro', script: mostlyIdle },
  { sessionKey: 'agent:digest:main', model: 'openai/gpt-5-mini', script: alwaysIdle },
  { sessionKey: 'global', script: alwaysIdle },
  { sessionKey: 'agent:ci:main', model: 'openai/gpt-5', label: 'CI runner', script: longTestRun },
  {
    sessionKey: 'agent:review:main',
    model: 'anthropic/claude-sonnet-4-5',
    label: 'Code review',
    script: readLoop,
  },
  {
    sessionKey: 'agent:writer:main',
    model: 'google/gemini-2.5-pro',
    label: 'Report writer',
    script: overdueTurn,
  },
];

/** Creates the demo cast and hands each member's script to the engine. */
export function startDemoScenario(
  emitter: HeartbeatEmitter,
  engine: ActorEngine,
  seed: number,
): void {
  emitter.batch(() => {
    DEMO_CAST.forEach((member, index) => {
      const session = emitter.session(member.sessionKey, {
        ...(member.model === undefined ? {} : { model: member.model }),
        ...(member.label === undefined ? {} : { label: member.label }),
      });
      const random = createRandom(deriveSeed(seed, index));
      engine.add(session, member.script, random, 0);
    });
  });
}
