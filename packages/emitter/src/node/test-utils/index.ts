export { openSilentClient, maskedTextFrame, type SilentClient } from './open-silent-client';
export {
  connectTestClient,
  rawRequest,
  upgradeStatus,
  waitFor,
  type RawResponse,
  type TestClient,
  type TestFrame,
} from './connect-test-client';
export {
  describeHeartbeatContract,
  type ContractServer,
  type ContractServerOptions,
} from './heartbeat-contract-suite';
