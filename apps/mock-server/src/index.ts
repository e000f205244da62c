export { startMockServer, type MockServer, type MockServerOptions } from './start-mock-server';
export { createControlHandler } from './control/create-control-handler';
export { createStaticHandler } from './static/create-static-handler';
export { parseCliArgs, USAGE, type CliParseResult } from './cli/parse-cli-args';
export * from './scenarios';
