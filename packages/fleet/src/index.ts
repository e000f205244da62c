// @session-heartbeat/fleet: a gateway's link to the fleet (Redis). The
// aggregator that serves the fleet is at `@session-heartbeat/fleet/aggregator`.
export {
  createFleetPublisher,
  type FleetPublisher,
  type FleetPublisherOptions,
  type FleetPublisherStats,
} from './create-fleet-publisher';
export { DEFAULT_KEY_PREFIX, sourceIdProblem, sourceKeys, type SourceKeys } from './fleet-keys';
export type { FleetLogger } from './fleet-logger';
export { checkRedisUrl, pingRedis } from './ping-redis';
