import { describe, expect, it } from 'vitest';
import { createHostPolicy, hostNameOf } from './create-host-policy';

describe('createHostPolicy', () => {
  it('answers loopback names on any port, and only the names it was told besides', () => {
    const policy = createHostPolicy(['gateway.example', '192.168.1.20:4317']);
    for (const host of [
      'localhost',
      'localhost:4317',
      'LOCALHOST.',
      'dash.localhost',
      '127.0.0.1:1',
      '127.8.9.10',
      '[::1]:4317',
    ]) {
      expect(policy.isAllowed(host), host).toBe(true);
      expect(policy.isLoopback(host), host).toBe(true);
    }
    for (const host of ['gateway.example:8443', '192.168.1.20']) {
      expect(policy.isAllowed(host), host).toBe(true);
      expect(policy.isLoopback(host), host).toBe(false);
    }
    for (const host of [
      undefined,
      '',
      'rebind.attacker.example',
      '127.0.0.1.nip.io',
      'localhost.evil.example',
      'user@localhost',
      'localhost/x',
      'a b',
    ]) {
      expect(policy.isAllowed(host), String(host)).toBe(false);
    }
  });

  it('reads a Host header as a lowercase name without port or trailing dot', () => {
    expect(hostNameOf('Gateway.Example.:443')).toBe('gateway.example');
    expect(hostNameOf('[::1]:80')).toBe('[::1]');
    expect(hostNameOf('x'.repeat(400))).toBeUndefined();
  });

  it('refuses an allowed host that is a URL or a pattern', () => {
    expect(() => createHostPolicy(['http://gateway.example'])).toThrow(TypeError);
    expect(() => createHostPolicy(['*.example'])).toThrow(/is not a host name/);
  });
});
