import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOLD_TIMERS } from './create-idle-release';
import { createPacedSelection } from './create-paced-selection';

interface State {
  order: readonly string[];
  complete: boolean;
}

/** A store as zustand's is seen from outside: state, setState, subscribe. */
function createStore(initial: State) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState(patch: Partial<State>) {
      state = { ...state, ...patch };
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function setup(intervalMs = 1000) {
  const store = createStore({ order: ['a', 'b'], complete: false });
  const select = vi.fn((state: State) => state.order);
  const paced = createPacedSelection(store, select, {
    intervalMs,
    isUrgent: (state) => state.complete,
    timers: DEFAULT_HOLD_TIMERS,
  });
  const shown: (readonly string[])[] = [];
  const unsubscribe = paced.subscribe(() => shown.push(paced.getSnapshot()));
  const order = (...keys: string[]) => store.setState({ order: keys });
  return { store, select, paced, shown, unsubscribe, order };
}

describe('createPacedSelection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows a change after a quiet spell at once', () => {
    const { paced, order } = setup();
    expect(paced.getSnapshot()).toEqual(['a', 'b']);
    order('b', 'a');
    expect(paced.getSnapshot()).toEqual(['b', 'a']);
  });

  it('holds the changes within the interval, then shows the newest at its end', () => {
    const { paced, shown, order } = setup();
    order('b', 'a');
    order('c', 'b', 'a');
    order('a', 'c', 'b');
    expect(paced.getSnapshot()).toEqual(['b', 'a']);
    vi.advanceTimersByTime(999);
    expect(paced.getSnapshot()).toEqual(['b', 'a']);
    vi.advanceTimersByTime(1);
    expect(paced.getSnapshot()).toEqual(['a', 'c', 'b']);
    // One change told per interval, never the ones in between.
    expect(shown).toEqual([
      ['b', 'a'],
      ['a', 'c', 'b'],
    ]);
  });

  it('does not work out the answer while it waits (a sorted order is built on demand)', () => {
    const { select, order } = setup();
    order('b', 'a');
    const calls = select.mock.calls.length;
    for (let index = 0; index < 50; index += 1) order(String(index));
    expect(select.mock.calls.length).toBe(calls);
    vi.advanceTimersByTime(1000);
    expect(select.mock.calls.length).toBe(calls + 1);
  });

  it('keeps pacing while changes keep coming, and goes quiet when they stop', () => {
    const { paced, shown, order } = setup();
    order('b', 'a');
    vi.advanceTimersByTime(500);
    order('c');
    vi.advanceTimersByTime(500);
    expect(paced.getSnapshot()).toEqual(['c']);
    order('d');
    vi.advanceTimersByTime(999);
    expect(paced.getSnapshot()).toEqual(['c']);
    vi.advanceTimersByTime(1);
    expect(paced.getSnapshot()).toEqual(['d']);
    // A quiet interval ends the pacing: the next change shows at once.
    vi.advanceTimersByTime(1000);
    order('e');
    expect(paced.getSnapshot()).toEqual(['e']);
    expect(shown.length).toBe(4);
  });

  it('tells nobody when the order came back to what is shown', () => {
    const { store, paced, shown, order } = setup();
    const first = store.getState().order;
    order('b', 'a');
    order('x');
    store.setState({ order: shown[0] as readonly string[] });
    vi.advanceTimersByTime(1000);
    expect(paced.getSnapshot()).toEqual(['b', 'a']);
    expect(shown).toHaveLength(1);
    expect(first).toEqual(['a', 'b']);
  });

  it('shows an urgent change at once, within an interval', () => {
    const { store, paced, order } = setup();
    order('b', 'a');
    order('c');
    store.setState({ order: ['z', 'y'], complete: true });
    expect(paced.getSnapshot()).toEqual(['z', 'y']);
  });

  it('shows every change with an interval of 0', () => {
    const { paced, shown, order } = setup(0);
    order('b', 'a');
    order('c');
    expect(paced.getSnapshot()).toEqual(['c']);
    expect(shown).toHaveLength(2);
  });

  it('catches up on changes made while nobody listened, and stops its timer when left', () => {
    const { paced, unsubscribe, order } = setup();
    order('b', 'a');
    unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
    order('c');
    expect(paced.getSnapshot()).toEqual(['b', 'a']);
    const again = paced.subscribe(() => undefined);
    expect(paced.getSnapshot()).toEqual(['c']);
    again();
  });
});
