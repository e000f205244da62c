import { describe, expect, it } from 'vitest';
import { fingerprintToolCall } from './tool-fingerprint';

describe('fingerprintToolCall', () => {
  it('is the same for the same tool and input, whatever the order of its keys', () => {
    const first = fingerprintToolCall('read', { path: 'src/a.ts', offset: 0, limit: 200 });
    expect(fingerprintToolCall('read', { limit: 200, offset: 0, path: 'src/a.ts' })).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
  });

  it('differs for another input, another tool, or a nested change', () => {
    const base = fingerprintToolCall('read', { path: 'src/a.ts', opts: { lines: [1, 2] } });
    expect(fingerprintToolCall('read', { path: 'src/b.ts', opts: { lines: [1, 2] } })).not.toBe(
      base,
    );
    expect(fingerprintToolCall('write', { path: 'src/a.ts', opts: { lines: [1, 2] } })).not.toBe(
      base,
    );
    expect(fingerprintToolCall('read', { path: 'src/a.ts', opts: { lines: [2, 1] } })).not.toBe(
      base,
    );
  });

  it('never carries the input itself', () => {
    const secret = 'sk-live-0123456789abcdef';
    expect(fingerprintToolCall('exec', { command: `curl -H "key: ${secret}"` })).not.toContain(
      'sk-',
    );
  });

  it('reads missing args as none', () => {
    expect(fingerprintToolCall('read', undefined)).toBe(fingerprintToolCall('read', null));
  });
});
