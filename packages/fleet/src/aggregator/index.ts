// @session-heartbeat/fleet/aggregator: the fleet as one heartbeat server.
export {
  createFleetAggregator,
  type FleetAggregator,
  type FleetAggregatorOptions,
  type FleetAggregatorStats,
} from './create-fleet-aggregator';
export {
  startAggregatorServer,
  type RunningAggregatorServer,
  type StartAggregatorServerOptions,
} from './start-aggregator-server';
export { fleetKey, splitFleetKey } from './fleet-sessions';
