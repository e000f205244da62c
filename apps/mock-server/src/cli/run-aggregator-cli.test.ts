import { describe, expect, it } from 'vitest';
import { runAggregatorCli } from './run-aggregator-cli';
import { runCli } from './run-cli';

function captureIo() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    io: {
      stdout: (line: string) => stdout.push(line),
      stderr: (line: string) => stderr.push(line),
    },
    stdout,
    stderr,
  };
}

// Nothing listens on port 1: the connection is refused at once.
const NO_REDIS = 'redis://127.0.0.1:1';

describe('the fleet commands at startup', () => {
  it('aggregator: a Redis that does not answer is one clear line and exit code 2', async () => {
    const { io, stdout, stderr } = captureIo();
    expect(await runAggregatorCli(['--redis', NO_REDIS, '--port', '0'], io, {})).toBe(2);
    expect(stderr).toEqual([
      'aggregator: --redis: cannot reach Redis at redis://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
    ]);
    expect(stdout).toEqual([]);
  });

  it('aggregator: a bad URL is exit code 2, with the usage', async () => {
    const { io, stderr } = captureIo();
    expect(await runAggregatorCli(['--redis', 'localhost:6379'], io, {})).toBe(2);
    expect(stderr[0]).toBe(
      'aggregator: --redis: not a Redis URL: "localhost:6379" (expected redis://HOST:PORT)\n',
    );
    expect(stderr[1]).toContain('Usage: pnpm aggregator --redis URL');
  });

  it('mock-server --redis: a Redis that does not answer is one clear line and exit code 2', async () => {
    const { io, stdout, stderr } = captureIo();
    const argv = ['--port', '0', '--redis', NO_REDIS, '--source', 'gw-1'];
    expect(await runCli(argv, io, undefined, {})).toBe(2);
    expect(stderr).toEqual([
      'mock-server: --redis: cannot reach Redis at redis://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
    ]);
    expect(stdout).toEqual([]);
  });

  it('aggregator: a --static directory that is not there is one clear line and exit code 2', async () => {
    const { io, stdout, stderr } = captureIo();
    const env = { INIT_CWD: '/nowhere' };
    expect(await runAggregatorCli(['--redis', NO_REDIS, '--static', 'dist'], io, env)).toBe(2);
    expect(stderr).toEqual(['aggregator: --static: no directory at /nowhere/dist']);
    expect(stdout).toEqual([]);
  });
});
