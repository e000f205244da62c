// @session-heartbeat/openclaw/page: the page's side, for a dashboard beside or
// inside the Control UI. Heartbeat sources (for `createHeartbeatClient` or the
// elements) that read the gateway's `session.heartbeat` events: on a socket of
// their own, or riding the Control UI's.
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
export { GATEWAY_BACKOFF } from './gateway-backoff';
