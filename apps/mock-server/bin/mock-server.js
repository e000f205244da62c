#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step for a dev tool.
import { register } from 'tsx/esm/api';

// A closed pipe (`pnpm mock-server --help | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

register();
const { runCli } = await import('../src/cli/run-cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
