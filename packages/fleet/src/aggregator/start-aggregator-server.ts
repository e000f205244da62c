import {
  startHeartbeatServer,
  type RunningHeartbeatServer,
  type StartHeartbeatServerOptions,
} from '@session-heartbeat/emitter/node';
import {
  createFleetAggregator,
  type FleetAggregator,
  type FleetAggregatorOptions,
} from './create-fleet-aggregator';

export interface StartAggregatorServerOptions extends Omit<
  StartHeartbeatServerOptions<FleetAggregator>,
  'emitter' | 'emitterOptions'
> {
  /** How to reach and read the fleet. */
  fleet: FleetAggregatorOptions;
}

export interface RunningAggregatorServer extends RunningHeartbeatServer<FleetAggregator> {
  aggregator: FleetAggregator;
}

/**
 * An aggregator served by the emitter's own Node adapter: the same HTTP and
 * WebSocket contract, token, Origin and Host checks and limits as a single
 * gateway, plus `GET /api/sources` and the `sources` frame. Closing it closes
 * the aggregator too.
 */
export async function startAggregatorServer(
  options: StartAggregatorServerOptions,
): Promise<RunningAggregatorServer> {
  const { fleet, ...serverOptions } = options;
  const aggregator = createFleetAggregator({
    ...fleet,
    ...(fleet.logger === undefined && serverOptions.logger !== undefined
      ? { logger: serverOptions.logger }
      : {}),
  });
  let running: RunningHeartbeatServer<FleetAggregator>;
  try {
    running = await startHeartbeatServer({ ...serverOptions, emitter: aggregator });
  } catch (error) {
    await aggregator.close();
    throw error;
  }
  return {
    ...running,
    aggregator,
    async close() {
      await running.close();
      await aggregator.close();
    },
  };
}
