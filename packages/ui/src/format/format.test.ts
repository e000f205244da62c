import { classifyHealth, type ReceivedHeartbeat } from '@session-heartbeat/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeHealthReason, describeState } from './describe-session';
import { formatDuration, formatSpan } from './format-duration';
import { formatRelativeTime, warmTimeFormats } from './format-relative-time';

const T = Date.UTC(2026, 0, 1);

function heartbeat(fields: Partial<ReceivedHeartbeat>): ReceivedHeartbeat {
  return {
    sessionKey: 'agent:main:main',
    state: 'idle',
    startedAt: T,
    stateSince: T,
    emittedAt: T,
    seq: 1,
    reason: 'transition',
    ...fields,
  };
}

describe('formatDuration', () => {
  // The narrow style of Intl.DurationFormat, the units of formatRelativeTime's narrow "3m ago".
  it.each([
    [0, '0s'],
    [-5, '0s'],
    [999, '0s'],
    [42_000, '42s'],
    [60_000, '1m'],
    [65_000, '1m 5s'],
    [3_600_000, '1h'],
    [3_780_000, '1h 3m'],
    [90_000_000, '1d 1h'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms, 'en')).toBe(text);
  });

  it('speaks the locale where Intl.DurationFormat is there', () => {
    expect(formatDuration(65_000, 'de')).not.toBe(formatDuration(65_000, 'en'));
  });
});

describe('formatSpan', () => {
  it('says a setting in whole units, in words', () => {
    expect(formatSpan(600_000, 'en')).toBe('10 minutes');
    expect(formatSpan(3_600_000, 'en')).toBe('1 hour');
    expect(formatSpan(90_000, 'en')).toBe('90 seconds');
  });
});

describe('formatRelativeTime', () => {
  it('uses seconds, then minutes, hours and days', () => {
    expect(formatRelativeTime(T, T, 'en')).toBe('now');
    expect(formatRelativeTime(T - 12_000, T, 'en')).toBe('12s ago');
    expect(formatRelativeTime(T - 180_000, T, 'en')).toBe('3m ago');
    expect(formatRelativeTime(T - 2 * 3_600_000, T, 'en', 'long')).toBe('2 hours ago');
  });
});

describe('warmTimeFormats', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const idle = () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }));

  /** The locales formatters get built for (the real formatters are still built). */
  function watchFormatters(): { absolute: unknown[]; relative: unknown[] } {
    const built = { absolute: [] as unknown[], relative: [] as unknown[] };
    const { DateTimeFormat, RelativeTimeFormat } = Intl;
    vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (
      ...args: ConstructorParameters<typeof Intl.DateTimeFormat>
    ) {
      built.absolute.push(args[0]);
      return new DateTimeFormat(...args);
    } as typeof Intl.DateTimeFormat);
    vi.spyOn(Intl, 'RelativeTimeFormat').mockImplementation(function (
      ...args: ConstructorParameters<typeof Intl.RelativeTimeFormat>
    ) {
      built.relative.push(args[0]);
      return new RelativeTimeFormat(...args);
    } as unknown as typeof Intl.RelativeTimeFormat);
    return built;
  }

  it('builds the absolute and relative formats of a locale when the page is idle', async () => {
    const built = watchFormatters();
    warmTimeFormats('fr-CA');
    expect(built.absolute).toEqual([]);
    await idle();
    expect(built.absolute).toEqual(['fr-CA']);
    expect(built.relative).toEqual(['fr-CA']);
  });

  it('does nothing once cancelled', async () => {
    const built = watchFormatters();
    warmTimeFormats('pt-BR')();
    await idle();
    expect(built).toEqual({ absolute: [], relative: [] });
  });
});

describe('describeState', () => {
  it('says what the session does', () => {
    expect(describeState({ state: 'awaiting_model' })).toBe('Waiting for the model');
    expect(describeState({ state: 'tool_exec', toolName: 'exec' })).toBe('Running tool exec');
    expect(describeState({ state: 'tool_wait', toolName: 'browser' })).toBe(
      'Waiting on tool browser (approval)',
    );
    expect(describeState({ state: 'unknown', unknownState: 'compacting' })).toBe(
      'Unknown state “compacting”',
    );
  });
});

describe('describeHealthReason', () => {
  it.each([
    [heartbeat({ state: 'awaiting_model' }), 42_000, 'No first token for 42s — limit 30s'],
    [
      heartbeat({ state: 'tool_exec', toolName: 'exec' }),
      65_000,
      'No output from exec for 1m 5s — limit 30s',
    ],
    [
      heartbeat({ state: 'streaming', lastTokenAt: T + 5000 }),
      40_000,
      'No token for 35s — limit 30s',
    ],
  ])('explains a stall in words (%#)', (hb, elapsed, text) => {
    // Keep the session heard from: a fresh emission, so it stalls rather than going silent.
    const fresh = { ...hb, emittedAt: T + elapsed - 1000 };
    const serverNow = T + elapsed;
    const verdict = classifyHealth(fresh, { serverNow });
    expect(verdict.health).toBe('stalled');
    expect(describeHealthReason(verdict, fresh, serverNow)).toBe(text);
  });

  it('explains silence and a lost connection', () => {
    const hb = heartbeat({ state: 'streaming' });
    const serverNow = T + 18_000;
    expect(describeHealthReason(classifyHealth(hb, { serverNow }), hb, serverNow)).toBe(
      'No heartbeat for 18s — limit 15s',
    );
    expect(
      describeHealthReason(classifyHealth(hb, { serverNow, listening: false }), hb, serverNow),
    ).toBe("Connection lost — we can't see this session right now");
  });

  it('has nothing to add for healthy sessions', () => {
    const hb = heartbeat({ state: 'streaming' });
    expect(describeHealthReason(classifyHealth(hb, { serverNow: T }), hb, T)).toBeUndefined();
  });
});
