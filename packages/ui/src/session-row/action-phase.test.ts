import type { SessionActionRun } from '@session-heartbeat/react';
import { describe, expect, it } from 'vitest';
import { actionPhase } from './action-phase';

function run(status: SessionActionRun['status'], stateSince?: number): SessionActionRun {
  return {
    context: undefined,
    data: undefined,
    error: status === 'error' ? new Error('Gateway timed out') : null,
    failureCount: 0,
    failureReason: null,
    isPaused: false,
    status,
    variables: { stateSince },
    submittedAt: 1,
  };
}

describe('actionPhase', () => {
  it('is offered, then confirming, before anything was sent', () => {
    expect(actionPhase(undefined, false, 10)).toBe('idle');
    expect(actionPhase(undefined, true, 10)).toBe('confirming');
  });

  it('is pending while sent, whatever the confirm says', () => {
    expect(actionPhase(run('pending', 10), false, 10)).toBe('pending');
    expect(actionPhase(run('pending', 10), true, 10)).toBe('pending');
  });

  it('keeps a failure (with its retry) until the next run', () => {
    expect(actionPhase(run('error', 10), false, 10)).toBe('error');
  });

  it('is done until the session leaves the state it was in when asked, then offered again', () => {
    expect(actionPhase(run('success', 10), false, 10)).toBe('done');
    expect(actionPhase(run('success', 10), false, 25)).toBe('idle');
    expect(actionPhase(run('success', 10), true, 25)).toBe('confirming');
  });

  it('is not done for a run that did not know the session’s state', () => {
    expect(actionPhase(run('success'), false, undefined)).toBe('idle');
  });
});
