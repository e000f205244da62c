export { startMockServer, type MockServer, type MockServerOptions } from './start-mock-server';
export { createControlHandler } from './control/create-control-handler';
export { controlApi, type ControlApi } from './control/control-client';
export { createMockClock, MAX_CLOCK_ADVANCE_MS, type MockClock } from './control/create-mock-clock';
export { createStaticHandler, type StaticHandlerOptions } from './static/create-static-handler';
export { CONTROL_UI_CSP } from './openclaw/control-ui-csp';
export { parseCliArgs, USAGE, type CliParseResult } from './cli/parse-cli-args';
export { runCli, type CliIo, type MockServerCommand } from './cli/run-cli';
export { MOCK_SERVER_BIN, readListeningUrl } from './cli/read-listening-url';
export {
  startMockServerProcess,
  type MockServerProcess,
  type MockServerProcessOptions,
} from './cli/start-mock-server-process';
export * from './scenarios';
export { runAggregatorCli } from './cli/run-aggregator-cli';
export {
  AGGREGATOR_BIN,
  startAggregatorProcess,
  type AggregatorProcess,
  type AggregatorProcessOptions,
} from './cli/start-aggregator-process';
