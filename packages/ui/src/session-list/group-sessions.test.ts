import { describe, expect, it } from 'vitest';
import type { SessionEntry } from '@session-heartbeat/react';
import { groupSessions, type SessionGroup } from './group-sessions';
import { parseSessionKey } from './parse-session-key';

describe('parseSessionKey', () => {
  it('reads the agent and the channel of an OpenClaw key', () => {
    expect(parseSessionKey('agent:ops:telegram:direct:4711')).toEqual({
      agent: 'ops',
      channel: 'telegram',
    });
    expect(parseSessionKey('agent:main:main')).toEqual({ agent: 'main', channel: 'main' });
  });

  it('reads a fleet key after its source, and nothing from another shape', () => {
    expect(parseSessionKey('gw-2/agent:ops:slack:group:c0', 'gw-2')).toEqual({
      agent: 'ops',
      channel: 'slack',
    });
    expect(parseSessionKey('gw-2/agent:ops:slack', undefined)).toEqual({
      agent: undefined,
      channel: undefined,
    });
    expect(parseSessionKey('job-42')).toEqual({ agent: undefined, channel: undefined });
    expect(parseSessionKey('agent::main')).toEqual({ agent: undefined, channel: undefined });
  });
});

function entry(sessionKey: string, health: SessionEntry['health'], model?: string): SessionEntry {
  return {
    sessionKey,
    health,
    heartbeat: { sessionKey, state: 'idle', model },
  } as unknown as SessionEntry; // only the fields grouping reads
}

const ENTRIES = new Map(
  [
    entry('agent:ops:main', 'stalled', 'openai/gpt-5'),
    entry('agent:main:main', 'active', 'anthropic/claude'),
    entry('agent:ops:telegram:direct:1', 'idle', 'openai/gpt-5'),
    entry('cron-7', 'idle'),
  ].map((item) => [item.sessionKey, item]),
);
const KEYS = [...ENTRIES.keys()];
const headers = (items: readonly unknown[]) =>
  items.filter((item): item is SessionGroup => typeof item !== 'string');

describe('groupSessions', () => {
  it('returns the keys themselves when not grouping', () => {
    expect(groupSessions(KEYS, (key) => ENTRIES.get(key), 'none', new Set())).toBe(KEYS);
  });

  it('puts each group’s header before its sessions, in order of their first, with counts', () => {
    const items = groupSessions(KEYS, (key) => ENTRIES.get(key), 'agent', new Set());
    expect(
      items.map((item) => (typeof item === 'string' ? item : `# ${item.value ?? '—'}`)),
    ).toEqual([
      '# ops',
      'agent:ops:main',
      'agent:ops:telegram:direct:1',
      '# main',
      'agent:main:main',
      '# —',
      'cron-7',
    ]);
    const [ops] = headers(items);
    expect(ops?.size).toBe(2);
    expect(ops?.counts.stalled).toBe(1);
    expect(ops?.counts.idle).toBe(1);
  });

  it('a collapsed group keeps its header and counts, without its rows', () => {
    const items = groupSessions(
      KEYS,
      (key) => ENTRIES.get(key),
      'model',
      new Set(['=openai/gpt-5']),
    );
    expect(items[0]).toMatchObject({ value: 'openai/gpt-5', size: 2, collapsed: true });
    expect(items).not.toContain('agent:ops:main');
    expect(items).toContain('agent:main:main');
  });

  it('groups by channel', () => {
    const items = groupSessions(KEYS, (key) => ENTRIES.get(key), 'channel', new Set());
    expect(headers(items).map((group) => group.value)).toEqual(['main', 'telegram', undefined]);
  });
});
