import { createEmitterSource, HeartbeatProvider } from '@session-heartbeat/react';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { startScenario, type ScenarioName } from '@session-heartbeat/mock-server/scenarios';
import { useEffect, useState, type ReactNode } from 'react';

export interface LiveScenarioProps {
  /** The mock server's scenario: `demo` (a dozen sessions that stall, crash, wait) or `load`. */
  scenario: ScenarioName;
  /** `load` only. @default 1000 */
  sessions?: number;
  /** `load` only: transitions per second, all sessions together. @default 100 */
  rate?: number;
  /** @default 7 */
  seed?: number;
  children: ReactNode;
}

/**
 * Real time, real timers: the isomorphic emitter and the mock server's
 * scenario engine run in the page and feed a client through
 * `createEmitterSource`, so the story moves like the real thing. For people;
 * tests use the fixed worlds.
 */
export function LiveScenario({ scenario, sessions, rate, seed = 7, children }: LiveScenarioProps) {
  const [emitter] = useState(() => createHeartbeatEmitter());
  const [source] = useState(() => createEmitterSource(emitter));
  useEffect(() => {
    const running = startScenario(scenario, emitter, { seed, sessions, rate });
    return () => {
      running.stop();
      // Removed sessions stop beating; a remount (StrictMode, HMR) creates them again.
      emitter.batch(() => {
        for (const heartbeat of emitter.snapshot()) emitter.get(heartbeat.sessionKey)?.remove();
      });
    };
  }, [emitter, scenario, seed, sessions, rate]);
  return <HeartbeatProvider source={source}>{children}</HeartbeatProvider>;
}
