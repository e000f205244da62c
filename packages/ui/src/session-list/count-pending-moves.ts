/**
 * How many changes separate the order on screen (`shown`) from the live
 * order (`live`): sessions added, sessions removed, and the fewest moves that
 * turn one order into the other (keys outside a longest common subsequence
 * in order). One session jumping to the top is one change, not one per row it
 * passes. O(n log n).
 */
export function countPendingMoves(shown: readonly string[], live: readonly string[]): number {
  if (shown === live) return 0;
  const livePosition = new Map<string, number>();
  live.forEach((key, index) => livePosition.set(key, index));
  let removed = 0;
  const positions: number[] = [];
  for (const key of shown) {
    const position = livePosition.get(key);
    if (position === undefined) removed += 1;
    else positions.push(position);
  }
  const added = live.length - positions.length;
  return added + removed + (positions.length - longestIncreasingRun(positions));
}

/** Length of the longest strictly increasing subsequence (patience sorting). */
function longestIncreasingRun(values: readonly number[]): number {
  const tails: number[] = [];
  for (const value of values) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((tails[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    tails[low] = value;
  }
  return tails.length;
}
