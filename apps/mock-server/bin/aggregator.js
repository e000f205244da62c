#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step for a dev tool.
import { register } from 'tsx/esm/api';

// A closed pipe (`pnpm aggregator --help | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

register();
const { runAggregatorCli } = await import('../src/cli/run-aggregator-cli.ts');
process.exitCode = await runAggregatorCli(process.argv.slice(2));
