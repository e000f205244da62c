import { describe, expect, it } from 'vitest';
import { countPendingMoves } from './count-pending-moves';

describe('countPendingMoves', () => {
  it('is 0 for the same order', () => {
    const order = ['a', 'b', 'c'];
    expect(countPendingMoves(order, order)).toBe(0);
    expect(countPendingMoves(order, [...order])).toBe(0);
  });

  it('counts one session jumping to the top as one change', () => {
    expect(countPendingMoves(['a', 'b', 'c', 'd'], ['d', 'a', 'b', 'c'])).toBe(1);
  });

  it('counts a swap of two neighbours as one change', () => {
    expect(countPendingMoves(['a', 'b', 'c'], ['b', 'a', 'c'])).toBe(1);
  });

  it('counts additions and removals', () => {
    expect(countPendingMoves(['a', 'b'], ['a', 'b', 'c'])).toBe(1);
    expect(countPendingMoves(['a', 'b', 'c'], ['a', 'c'])).toBe(1);
    expect(countPendingMoves(['a', 'b'], ['c', 'b'])).toBe(2);
  });

  it('counts a reversal of n as n − 1 moves', () => {
    expect(countPendingMoves(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a'])).toBe(3);
  });
});
