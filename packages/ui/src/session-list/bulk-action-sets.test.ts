import type { SessionHealth, SessionState } from '@session-heartbeat/core';
import { describe, expect, it } from 'vitest';
import { bulkActionSets, stillApplies } from './bulk-action-sets';

const ALL = ['nudge', 'abort', 'restart'] as const;

function table(sessions: Record<string, [SessionState, SessionHealth]>) {
  return (key: string) => {
    const found = sessions[key];
    return found === undefined
      ? undefined
      : { heartbeat: { state: found[0] } as never, health: found[1] };
  };
}

describe('bulkActionSets', () => {
  const getEntry = table({
    'agent:a:main': ['tool_exec', 'stalled'],
    'agent:b:main': ['streaming', 'unresponsive'],
    'agent:c:main': ['streaming', 'active'],
    'agent:d:main': ['idle', 'idle'],
  });

  it('offers an action for the set when it applies to one session of it, with just those sessions', () => {
    expect(
      bulkActionSets(
        ['agent:a:main', 'agent:b:main', 'agent:c:main', 'agent:d:main'],
        getEntry,
        ALL,
      ),
    ).toEqual([
      { action: 'nudge', sessionKeys: ['agent:a:main'] },
      { action: 'abort', sessionKeys: ['agent:a:main', 'agent:c:main'] },
      { action: 'restart', sessionKeys: ['agent:a:main', 'agent:b:main'] },
    ]);
  });

  it('looks only at the sessions shown, in the order shown', () => {
    expect(bulkActionSets(['agent:b:main', 'agent:a:main'], getEntry, ['restart'])).toEqual([
      { action: 'restart', sessionKeys: ['agent:b:main', 'agent:a:main'] },
    ]);
  });

  it('offers nothing for a set no action applies to, or a server that supports none', () => {
    expect(bulkActionSets(['agent:d:main'], getEntry, ALL)).toEqual([]);
    expect(bulkActionSets(['agent:a:main'], getEntry, [])).toEqual([]);
    expect(bulkActionSets(['agent:gone:main'], getEntry, ALL)).toEqual([]);
  });
});

describe('stillApplies', () => {
  it('is false for a session that recovered or went away since it was chosen', () => {
    const getEntry = table({
      'agent:a:main': ['idle', 'idle'],
      'agent:b:main': ['tool_exec', 'stalled'],
    });
    expect(stillApplies('restart', getEntry('agent:a:main'))).toBe(false);
    expect(stillApplies('restart', getEntry('agent:gone:main'))).toBe(false);
    expect(stillApplies('restart', getEntry('agent:b:main'))).toBe(true);
  });
});
