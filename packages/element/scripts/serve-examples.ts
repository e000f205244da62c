// `pnpm --filter @session-heartbeat/element examples`: the example pages,
// served with the host's CSP by the mock server (OpenClaw scenario: the
// gateway socket and the heartbeat routes on one origin), until Ctrl+C.
import { startExamplesServer } from './start-examples-server';

const port = Number(process.env.PORT ?? 4318);
const server = await startExamplesServer({ scenario: 'openclaw', port });
console.log(`examples on ${server.url}/`);
for (const page of ['plain.html', 'lit.html', 'host-table.html', 'openclaw.html']) {
  console.log(`  ${server.url}/${page}`);
}

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
