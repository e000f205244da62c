export { startScenario } from './start-scenario';
export {
  SCENARIO_NAMES,
  MAX_LOAD_SESSIONS,
  SCENARIO_TOOLS,
  MOCK_THRESHOLDS,
  isScenarioName,
  scenarioActions,
  type RunningScenario,
  type ScenarioName,
  type ScenarioOptions,
} from './scenario-types';
export { createRandom, deriveSeed, type Random } from './create-random';
export { DEMO_CAST } from './start-demo-scenario';
export { LONG_TEST_RUN, OVERDUE_TURN, READ_LOOP } from './demo-scripts';
export { NUDGE_ACTIVITY } from './act-on-session';
export { loadSessionKey } from './start-load-scenario';
export {
  LOAD_SESSION_MODEL,
  loadHeartbeatsPerSecond,
  loadRateForHeartbeats,
  loadStateShares,
} from './load-session-model';
export {
  createActorEngine,
  type ActorContext,
  type ActorEngine,
  type ActorScript,
  type ScriptFactory,
} from './create-actor-engine';
export {
  startOpenClawScenario,
  isOpenClawScenario,
  OPENCLAW_EXTRA_CAST,
  type OpenClawScenario,
  type OpenClawScenarioOptions,
} from './openclaw/start-openclaw-scenario';
export type { SimulatedGateway } from './openclaw/create-simulated-gateway';
