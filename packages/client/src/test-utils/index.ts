// The client's test helpers, with core's heartbeat fixtures: one import for a client test.
export * from '@session-heartbeat/core/test-utils';
export {
  createTestEnvironment,
  type TestEnvironment,
  type TestEnvironmentOptions,
} from './create-test-environment';
export { createFakeWebSocket, type FakeSocket } from './create-fake-web-socket';
export { createManualSource, type ManualSource } from './create-manual-source';
export { heartbeatQueryKeys } from '../heartbeat-query-keys';
export { createFakeTabs, type FakeTab } from './create-fake-tabs';
export { beatNow } from './beat-now';
