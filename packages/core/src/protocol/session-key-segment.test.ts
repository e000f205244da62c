import { describe, expect, it } from 'vitest';
import { resolveRoute } from './resolve-route';
import { decodeSessionKeySegment, encodeSessionKeySegment } from './session-key-segment';
import { Routes } from './types';

describe('a session key as a path segment', () => {
  it('keys . and .. survive URL parsing, which removes dot segments even percent-encoded', () => {
    const base = 'https://gw.example/';
    expect(resolveRoute(base, Routes.session('.')).pathname).toBe('/api/sessions/%252E/heartbeat');
    expect(resolveRoute(base, Routes.restart('..')).pathname).toBe(
      '/api/sessions/%252E%252E/restart',
    );
    expect(resolveRoute(base, Routes.action('..', 'abort')).pathname).toBe(
      '/api/sessions/%252E%252E/actions/abort',
    );
    expect(resolveRoute(base, Routes.history('.')).pathname).toBe('/api/sessions/%252E/history');
  });

  it('asks for history from a time, in whole ms, with the key encoded like every route', () => {
    const url = resolveRoute('https://gw.example/hb/', Routes.history('agent:a b', 1234.9));
    expect(url.pathname).toBe('/hb/api/sessions/agent%3Aa%20b/history');
    expect(url.searchParams.get('since')).toBe('1234');
    expect(resolveRoute('https://gw.example/', Routes.actions).pathname).toBe(
      '/api/sessions/actions',
    );
  });

  it('round-trips through one percent-decoding on the server', () => {
    for (const key of ['.', '..', '...', 'agent:main:main', 'a/b?c#d', '%', ' .', '.a']) {
      const segment = encodeSessionKeySegment(key);
      expect(decodeSessionKeySegment(decodeURIComponent(segment)), key).toBe(key);
    }
  });
});

describe('resolveRoute', () => {
  it('keeps a path in the server URL as the API prefix, with or without a trailing slash', () => {
    for (const base of ['https://gw.example/heartbeat/', 'https://gw.example/heartbeat']) {
      expect(resolveRoute(base, Routes.batch).href).toBe(
        'https://gw.example/heartbeat/api/sessions/heartbeat',
      );
    }
    expect(resolveRoute('http://127.0.0.1:4317', Routes.socket).href).toBe(
      'http://127.0.0.1:4317/api/sessions/heartbeat/ws',
    );
    expect(resolveRoute('https://gw.example/x/?q=1#f', Routes.batch).href).toBe(
      'https://gw.example/x/api/sessions/heartbeat',
    );
  });
});
