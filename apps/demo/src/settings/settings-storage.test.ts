// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './dashboard-settings';
import {
  loadServerUrl,
  loadSettings,
  loadToken,
  saveServerUrl,
  saveSettings,
  saveToken,
} from './settings-storage';

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('settings storage', () => {
  it('falls back to the defaults, field by field, for anything missing or malformed', () => {
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
    localStorage.setItem('session-heartbeat.settings.v1', '{not json');
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
    localStorage.setItem(
      'session-heartbeat.settings.v1',
      JSON.stringify({
        stallAfterSeconds: 60,
        unresponsiveAfterSeconds: -1,
        byTool: [{ pattern: 'exec', stallAfterSeconds: 90 }, { pattern: '' }, 'junk'],
        transport: 'carrier-pigeon',
        theme: 'dark',
        alerts: 'yes',
      }),
    );
    expect(loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      stallAfterSeconds: 60,
      byTool: [{ pattern: 'exec', stallAfterSeconds: 90 }],
      theme: 'dark',
    });
  });

  it('round-trips settings, and keeps the token in sessionStorage only', () => {
    const settings = { ...DEFAULT_SETTINGS, alerts: true, transport: 'push' as const };
    saveSettings(settings);
    saveServerUrl('https://gateway.local');
    saveToken('s3cret');
    expect(loadSettings()).toEqual(settings);
    expect(loadServerUrl()).toBe('https://gateway.local');
    expect(loadToken()).toBe('s3cret');
    expect(JSON.stringify({ ...localStorage })).not.toContain('s3cret');
    saveToken('');
    expect(sessionStorage.length).toBe(0);
  });
});
