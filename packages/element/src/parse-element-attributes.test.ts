import { describe, expect, it, vi } from 'vitest';
import {
  parseDotSize,
  parseDurationMs,
  parseServerUrl,
  parseTheme,
  parseTransport,
} from './parse-element-attributes';

describe('parseDurationMs', () => {
  it.each([
    ['45000', 45_000],
    [' 1500 ', 1500],
    ['0', 0],
    ['4.5e4', 45_000],
    ['2500.5', 2500.5],
  ])('reads %j as %d ms', (text, ms) => {
    const warn = vi.fn();
    expect(parseDurationMs('stall-after-ms', text, warn)).toBe(ms);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([null, '', '   '])('reads %j as absent, quietly', (text) => {
    const warn = vi.fn();
    expect(parseDurationMs('stall-after-ms', text, warn)).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it.each(['-1', 'abc', '30s', 'Infinity', 'NaN', '1e400', '0x'])(
    'warns about %j and falls back to the default',
    (text) => {
      const warn = vi.fn();
      expect(parseDurationMs('stall-after-ms', text, warn)).toBeUndefined();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toContain('stall-after-ms');
    },
  );
});

describe('the keyword attributes', () => {
  it('read known values in any case, and fall back with a warning', () => {
    const warn = vi.fn();
    expect(parseTransport('polling', warn)).toBe('polling');
    expect(parseTransport(' WebSocket ', warn)).toBe('websocket');
    expect(parseTransport(null, warn)).toBe('auto');
    expect(parseTheme('dark', warn)).toBe('dark');
    expect(parseTheme('Inherit', warn)).toBe('inherit');
    expect(parseTheme(null, warn)).toBe('auto');
    expect(parseDotSize('lg', warn)).toBe('lg');
    expect(parseDotSize(null, warn)).toBe('text');
    expect(warn).not.toHaveBeenCalled();

    expect(parseTransport('sse', warn)).toBe('auto');
    expect(parseTheme('blue', warn)).toBe('auto');
    expect(parseDotSize('xl', warn)).toBe('text');
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn.mock.calls[0]?.[0]).toMatch(/transport="sse".*auto, websocket, polling/);
  });
});

describe('parseServerUrl', () => {
  const page = 'http://127.0.0.1:4317/examples/plain.html';

  it('resolves against the page', () => {
    const warn = vi.fn();
    expect(parseServerUrl('/', page, warn)).toBe('http://127.0.0.1:4317/');
    expect(parseServerUrl('https://gateway.local:18789', page, warn)).toBe(
      'https://gateway.local:18789/',
    );
    expect(parseServerUrl(null, page, warn)).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses other schemes and credentials, with a warning', () => {
    const warn = vi.fn();
    expect(parseServerUrl('javascript:alert(1)', page, warn)).toBeUndefined();
    expect(parseServerUrl('ws://127.0.0.1:4317/', page, warn)).toBeUndefined();
    expect(parseServerUrl('http://user:secret@127.0.0.1/', page, warn)).toBeUndefined();
    expect(parseServerUrl('http://[::1', page, warn)).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(4);
    expect(warn.mock.calls[2]?.[0]).toMatch(/token/);
  });
});
