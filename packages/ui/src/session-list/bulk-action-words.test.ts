import { describe, expect, it } from 'vitest';
import {
  bulkOutcomeMessage,
  bulkProgressMessage,
  bulkQuestion,
  bulkSetWords,
  countSessions,
  listedNames,
} from './bulk-action-words';

describe('bulk action words', () => {
  it('the confirm names the count, the set and the effect', () => {
    expect(bulkQuestion('restart', 12, { adjective: 'stalled' })).toBe(
      'Restart 12 stalled sessions? What each one is doing is dropped, and it comes back idle.',
    );
    expect(bulkQuestion('abort', 2, { qualifier: 'matching “gpt-5”' })).toBe(
      'Abort 2 sessions matching “gpt-5”? Each one stops its current turn and goes to complete.',
    );
    // One session: the effect as a row's confirm says it.
    expect(bulkQuestion('restart', 1, { adjective: 'stalled' })).toBe(
      'Restart 1 stalled session? What it is doing is dropped, and it comes back idle.',
    );
    expect(countSessions(1234, { adjective: 'running', qualifier: 'waiting for approval' })).toBe(
      '1,234 running sessions waiting for approval',
    );
  });

  it('names the set by the filter, the search and the source', () => {
    expect(countSessions(3, bulkSetWords('stalled', ''))).toBe('3 stalled sessions');
    expect(countSessions(3, bulkSetWords('all', ' gpt '))).toBe('3 sessions matching “gpt”');
    expect(countSessions(1, bulkSetWords('needs_approval', 'ops', 'gw-eu'))).toBe(
      '1 session waiting for approval and matching “ops” and from gw-eu',
    );
    expect(countSessions(2, bulkSetWords('running', '', 'gw-eu'))).toBe(
      '2 running sessions from gw-eu',
    );
  });

  it('lists the first three names, then how many more', () => {
    expect(listedNames(['a', 'b'])).toEqual({ listed: ['a', 'b'], more: undefined });
    expect(listedNames(['a', 'b', 'c', 'd', 'e'])).toEqual({
      listed: ['a', 'b', 'c'],
      more: 'and 2 more',
    });
  });

  it('the result says how many it did, and which failed with the server’s reason', () => {
    expect(
      bulkOutcomeMessage({
        action: 'restart',
        total: 12,
        succeeded: 11,
        failed: [{ sessionKey: 'agent:ops:main', reason: 'Gateway timed out' }],
        skipped: 0,
      }),
    ).toBe('Restarted 11 of 12; 1 failed: agent:ops:main — Gateway timed out.');
    expect(
      bulkOutcomeMessage({ action: 'nudge', total: 3, succeeded: 3, failed: [], skipped: 1 }),
    ).toBe('Nudged 3 of 3; 1 left alone: no longer needed it.');
    expect(
      bulkOutcomeMessage({
        action: 'abort',
        total: 5,
        succeeded: 0,
        failed: ['a', 'b', 'c', 'd', 'e'].map((sessionKey) => ({ sessionKey, reason: undefined })),
        skipped: 0,
      }),
    ).toBe('Aborted 0 of 5; 5 failed: a; b; c; and 2 more.');
  });

  it('says how far a run is', () => {
    expect(bulkProgressMessage('restart', 5, 12)).toBe('Restarting 12 sessions: 5 of 12 done.');
  });
});
