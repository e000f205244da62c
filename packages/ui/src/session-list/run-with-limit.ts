/**
 * Runs `task` on every item, at most `limit` at a time, in order of the
 * items: a bulk action on 500 sessions opens 4 requests, not 500. A task
 * that throws or rejects does not stop the others. `onSettled` is told of
 * each as it ends (for a progress count).
 *
 * @returns each item's outcome, in the order of the items
 */
export async function runWithLimit<Item, Result>(
  items: readonly Item[],
  limit: number,
  task: (item: Item) => Promise<Result>,
  onSettled?: (outcome: PromiseSettledResult<Result>, item: Item) => void,
): Promise<PromiseSettledResult<Result>[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`runWithLimit: limit must be a whole number of at least 1, got ${limit}`);
  }
  const outcomes: PromiseSettledResult<Result>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as Item;
      let outcome: PromiseSettledResult<Result>;
      try {
        outcome = { status: 'fulfilled', value: await task(item) };
      } catch (reason) {
        outcome = { status: 'rejected', reason };
      }
      outcomes[index] = outcome;
      onSettled?.(outcome, item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return outcomes;
}
