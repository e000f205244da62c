import { describe, expect, it } from 'vitest';
import { createRestartFlows, type RestartFlows } from './restart-flows';
import { restartPhase } from './restart-phase';

/** A restart request the test settles by hand. */
function controlledRestarts() {
  const sent: { sessionKey: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  const restart = (sessionKey: string) =>
    new Promise<void>((resolve, reject) => {
      sent.push({ sessionKey, resolve, reject });
    });
  return { sent, restart };
}

/** The phase a row shows, as `useRestartFlow` reads it. */
const phaseOf = (flows: RestartFlows, sessionKey: string, stateSince: number) => {
  const flow = flows.get(sessionKey);
  return flow === undefined ? 'idle' : restartPhase(flow, stateSince);
};

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('createRestartFlows', () => {
  it('walks one session through confirm, pending and done, and done lasts until the session moves on', async () => {
    const { sent, restart } = controlledRestarts();
    const flows = createRestartFlows(restart);
    expect(flows.get('a')).toBeUndefined();

    flows.request('a');
    expect(phaseOf(flows, 'a', 1000)).toBe('confirming');

    flows.confirm('a', 1000);
    expect(phaseOf(flows, 'a', 1000)).toBe('pending');
    expect(sent.map((request) => request.sessionKey)).toEqual(['a']);

    sent[0]?.resolve();
    await settle();
    expect(phaseOf(flows, 'a', 1000)).toBe('done');
    // The session entered a new state: the restart is behind it.
    expect(phaseOf(flows, 'a', 2000)).toBe('idle');
  });

  it('keeps the reason of a failed request, and a retry clears it', async () => {
    const { sent, restart } = controlledRestarts();
    const flows = createRestartFlows(restart);
    flows.confirm('a', 1000);
    sent[0]?.reject(new Error('Gateway timed out'));
    await settle();
    expect(phaseOf(flows, 'a', 1000)).toBe('error');
    expect(flows.get('a')?.errorMessage).toBe('Gateway timed out');

    flows.confirm('a', 1000);
    expect(flows.get('a')?.errorMessage).toBeUndefined();
    expect(phaseOf(flows, 'a', 1000)).toBe('pending');
  });

  it('forgets a session once nothing is under way, and a request cancelled in flight changes nothing when it settles', async () => {
    const { sent, restart } = controlledRestarts();
    const flows = createRestartFlows(restart);
    flows.request('a');
    flows.cancel('a');
    expect(flows.get('a')).toBeUndefined();

    flows.confirm('a', 1000);
    flows.cancel('a');
    sent[0]?.reject(new Error('too late'));
    await settle();
    expect(flows.get('a')).toBeUndefined();
  });

  it('tells only the listeners of the session that changed, and stops after unsubscribe', () => {
    const flows = createRestartFlows(() => new Promise<void>(() => undefined));
    const heard: string[] = [];
    const stopA = flows.subscribe('a', () => heard.push('a'));
    flows.subscribe('b', () => heard.push('b'));

    flows.request('a');
    expect(heard).toEqual(['a']);
    const before = flows.get('a');
    flows.request('b');
    // An untouched entry keeps its reference (useSyncExternalStore renders nothing new).
    expect(flows.get('a')).toBe(before);

    stopA();
    flows.cancel('a');
    expect(heard).toEqual(['a', 'b']);
  });
});
