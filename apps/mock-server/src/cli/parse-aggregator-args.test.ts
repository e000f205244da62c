import { describe, expect, it } from 'vitest';
import { parseAggregatorArgs } from './parse-aggregator-args';

describe('parseAggregatorArgs', () => {
  it('needs only --redis, and serves on 127.0.0.1:4318 by default', () => {
    expect(parseAggregatorArgs(['--redis', 'redis://127.0.0.1:6379'])).toEqual({
      ok: true,
      help: false,
      options: {
        redisUrl: 'redis://127.0.0.1:6379',
        host: '127.0.0.1',
        port: 4318,
        allowOrigins: [],
        allowHosts: [],
      },
    });
  });

  it('reads every flag, and the token from HEARTBEAT_TOKEN when no flag gives it', () => {
    const parsed = parseAggregatorArgs(
      [
        '--',
        '--redis',
        'rediss://user:pw@redis.example:6380/1',
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--interval',
        '1000',
        '--unresponsive-after',
        '4000',
        '--allow-origin',
        'https://ops.example',
        '--allow-host',
        'fleet.lan',
        '--static',
        'dist',
      ],
      { HEARTBEAT_TOKEN: 'from-env' },
    );
    expect(parsed).toEqual({
      ok: true,
      help: false,
      options: {
        redisUrl: 'rediss://user:pw@redis.example:6380/1',
        host: '0.0.0.0',
        port: 0,
        token: 'from-env',
        interval: 1000,
        unresponsiveAfterMs: 4000,
        allowOrigins: ['https://ops.example'],
        allowHosts: ['fleet.lan'],
        staticDir: 'dist',
      },
    });
    const fromFile = parseAggregatorArgs(['--redis', 'redis://h:1', '--token-file', 'f'], {
      HEARTBEAT_TOKEN: 'from-env',
    });
    expect(fromFile.ok && !fromFile.help && fromFile.options).toMatchObject({ tokenFile: 'f' });
    expect(fromFile.ok && !fromFile.help && fromFile.options).not.toHaveProperty('token');
  });

  it.each([
    [[], '--redis URL is required'],
    [['--redis', 'redis//nope'], '--redis: not a URL: "redis//nope"'],
    [['--redis', 'https://h:1'], '--redis: not a Redis URL: "https://h:1"'],
    [['--redis', 'redis://h:1', '--port', '70000'], '--port must be an integer from 0 to 65535'],
    [['--redis', 'redis://h:1', '--unresponsive-after', '5'], '--unresponsive-after must be'],
    [['--redis', 'redis://h:1', '--source', 'gw-1'], "Unknown option '--source'"],
    [['--redis', 'redis://h:1', '--token', 'a b'], '--token: token must not contain spaces'],
  ])('refuses %j with a precise message', (argv, message) => {
    const parsed = parseAggregatorArgs(argv);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
  });

  it('recognises --help', () => {
    expect(parseAggregatorArgs(['--help'])).toEqual({ ok: true, help: true });
  });
});
