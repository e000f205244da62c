import { startHeartbeatServer } from './start-heartbeat-server';
import { describeHeartbeatContract } from './test-utils/heartbeat-contract-suite';

// The contract as a single gateway serves it; the fleet aggregator runs the same suite.
describeHeartbeatContract('the emitter’s Node adapter', async ({ token, interval, server }) => {
  const restarts: string[] = [];
  const running = await startHeartbeatServer({
    ...server,
    ...(token === undefined ? {} : { token }),
    emitterOptions: {
      interval,
      onAction: (sessionKey, action) => {
        if (action === 'restart') restarts.push(sessionKey);
      },
    },
  });
  return {
    url: running.url,
    emitter: running.emitter,
    keyOf: (sessionKey) => sessionKey,
    settled: () => Promise.resolve(),
    restarts,
    close: () => running.close(),
  };
});
