export { T0, makeHeartbeat, makeReceivedHeartbeat } from './make-heartbeat';
export {
  createTestEnvironment,
  type TestEnvironment,
  type TestEnvironmentOptions,
} from './create-test-environment';
export { createFakeWebSocket, type FakeSocket } from './create-fake-web-socket';
export { createManualSource, type ManualSource } from './create-manual-source';
