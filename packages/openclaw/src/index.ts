// @session-heartbeat/openclaw: the gateway's side. Its agent, chat and session
// events become heartbeats, broadcast over the gateway's own socket. The page's
// side (sources that read them back) is `@session-heartbeat/openclaw/page`.
export {
  createOpenClawBridge,
  type OpenClawBridge,
  type OpenClawBridgeOptions,
} from './create-openclaw-bridge';
export { createOpenClawActions, type OpenClawActionMethods } from './create-openclaw-actions';
export type { BridgeProblem, BridgeProblemKind, OpenClawBridgeStats } from './bridge-stats';
export {
  agentEventEffect,
  chatEventEffect,
  STARTUP_PHASES,
  type RunEffect,
  type RunOutcome,
} from './run-effects';
export { formatRowModel } from './read-gateway-payloads';
export {
  createGatewayBroadcast,
  sessionHeartbeatSnapshot,
  toGatewayEvent,
  toSessionHeartbeatPayload,
  type GatewayBroadcast,
  type GatewayBroadcastOptions,
  type SessionHeartbeatPayload,
} from './gateway-broadcast';
export {
  answerSessionHeartbeatRequest,
  createSessionHeartbeatMethods,
  type GatewayMethodHandler,
  type GatewayMethodResult,
} from './session-heartbeat-methods';
export {
  GATEWAY_PROTOCOL_VERSION,
  SESSION_HEARTBEAT_EVENT,
  SESSION_HEARTBEAT_WRITE_METHODS,
  SessionHeartbeatMethods,
  type AgentEventPayload,
  type AgentEventStream,
  type ChatEventPayload,
  type ChatEventState,
  type ConnectChallenge,
  type GatewayClientInfo,
  type GatewayConnectParams,
  type GatewayErrorShape,
  type GatewayEventFrame,
  type GatewayFrame,
  type GatewayHelloOk,
  type GatewayRequestFrame,
  type GatewayResponseFrame,
  type GatewaySessionKind,
  type GatewaySessionRow,
  type SessionHeartbeatMethod,
  type SessionRunStatus,
  type SessionsListResult,
} from './gateway-types';
