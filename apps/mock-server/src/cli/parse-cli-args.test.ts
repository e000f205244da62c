import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './parse-cli-args';

describe('parseCliArgs', () => {
  it('defaults to the demo on 127.0.0.1:4317', () => {
    expect(parseCliArgs([])).toEqual({
      ok: true,
      help: false,
      options: {
        host: '127.0.0.1',
        port: 4317,
        scenario: 'demo',
        control: false,
        allowOrigins: [],
        allowHosts: [],
      },
    });
  });

  it('reads every flag, repeated origins included, and ignores a leading --', () => {
    const parsed = parseCliArgs([
      '--',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--token',
      'T',
      '--scenario',
      'load',
      '--sessions',
      '100000',
      '--rate',
      '2.5',
      '--interval',
      '200',
      '--seed',
      '42',
      '--control',
      '--allow-origin',
      'https://a.example',
      '--allow-origin',
      'https://b.example',
      '--allow-host',
      'gateway.lan',
      '--static',
      'dist',
    ]);
    expect(parsed).toEqual({
      ok: true,
      help: false,
      options: {
        host: '0.0.0.0',
        port: 0,
        token: 'T',
        tokenInArgv: true,
        scenario: 'load',
        sessions: 100_000,
        rate: 2.5,
        interval: 200,
        seed: 42,
        control: true,
        allowOrigins: ['https://a.example', 'https://b.example'],
        allowHosts: ['gateway.lan'],
        staticDir: 'dist',
      },
    });
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['stray'], 'Unexpected argument'],
    [['--port', 'abc'], '--port must be an integer from 0 to 65535, got "abc"'],
    [['--port', '70000'], '--port must be an integer from 0 to 65535'],
    [['--scenario', 'party'], '--scenario must be demo, load, quiet or openclaw, got "party"'],
    [['--sessions', '100001'], '--sessions must be an integer from 0 to 100000'],
    [['--rate=-1'], '--rate must be a number ≥ 0'],
    [['--interval', '5'], '--interval must be an integer from 10'],
    [['--control=yes'], "Option '--control' does not take an argument"],
  ])('refuses %j with a precise message', (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
  });

  it('takes the token from --token-file or HEARTBEAT_TOKEN, flags first, and from argv marked as such', () => {
    const env = { HEARTBEAT_TOKEN: 'from-env' };
    const fromEnv = parseCliArgs([], env);
    expect(fromEnv.ok && !fromEnv.help && fromEnv.options).toMatchObject({ token: 'from-env' });
    expect(fromEnv.ok && !fromEnv.help && fromEnv.options).not.toHaveProperty('tokenInArgv');
    const fromFile = parseCliArgs(['--token-file', '/run/secrets/hb'], env);
    expect(fromFile.ok && !fromFile.help && fromFile.options).toMatchObject({
      tokenFile: '/run/secrets/hb',
    });
    expect(fromFile.ok && !fromFile.help && fromFile.options).not.toHaveProperty('token');
    const fromArgv = parseCliArgs(['--token', 'T'], env);
    expect(fromArgv.ok && !fromArgv.help && fromArgv.options).toMatchObject({
      token: 'T',
      tokenInArgv: true,
    });
  });

  it.each([
    [['--token', 'two words'], {}, '--token: token must not contain spaces'],
    [['--token', ''], {}, '--token: token must be a non-empty string'],
    [[], { HEARTBEAT_TOKEN: 'a\tb' }, 'HEARTBEAT_TOKEN: token must not contain spaces'],
    [['--token', 'T', '--token-file', 'f'], {}, 'give the token one way'],
  ])('refuses the token of %j %j: a token HTTP could never match', (argv, env, message) => {
    const parsed = parseCliArgs(argv, env);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
  });

  it('recognises --help', () => {
    expect(parseCliArgs(['-h'])).toEqual({ ok: true, help: true });
  });

  it('reads --redis URL --source ID as publishing to the fleet', () => {
    const parsed = parseCliArgs(['--redis', 'redis://127.0.0.1:6379', '--source', 'gw-2']);
    expect(parsed.ok && !parsed.help && parsed.options.fleet).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      source: 'gw-2',
    });
  });

  it.each([
    [['--redis', 'redis://127.0.0.1:6379'], '--redis needs --source ID'],
    [['--source', 'gw-1'], '--source needs --redis URL'],
    [['--redis', 'http://127.0.0.1:6379', '--source', 'gw-1'], '--redis: not a Redis URL'],
    [['--redis', 'localhost:6379', '--source', 'gw-1'], '--redis: not a Redis URL'],
    [['--redis', 'redis://h:1', '--source', 'gw/1'], '--source: a source id is 1–128 letters'],
  ])('refuses the fleet flags %j, naming what is wrong', (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
  });
});
