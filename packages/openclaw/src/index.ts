export {
  createOpenClawBridge,
  type OpenClawBridge,
  type OpenClawBridgeOptions,
} from './create-openclaw-bridge';
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
  answerSessionHeartbeatRequest,
  createGatewayBroadcast,
  createSessionHeartbeatMethods,
  sessionHeartbeatSnapshot,
  toGatewayEvent,
  toSessionHeartbeatPayload,
  type GatewayBroadcast,
  type GatewayBroadcastOptions,
  type GatewayMethodHandler,
  type GatewayMethodResult,
  type SessionHeartbeatPayload,
} from './gateway-broadcast';
export {
  createGatewaySource,
  DEFAULT_GATEWAY_CLIENT,
  type GatewaySourceOptions,
} from './create-gateway-source';
export {
  createGatewayEventSource,
  type GatewayEventSourceOptions,
  type GatewayHostConnection,
  type HostGatewayEvent,
} from './create-gateway-event-source';
export { GATEWAY_BACKOFF, gatewayBackoff, type GatewayBackoffOptions } from './gateway-backoff';
export {
  GATEWAY_PROTOCOL_VERSION,
  SESSION_HEARTBEAT_EVENT,
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
