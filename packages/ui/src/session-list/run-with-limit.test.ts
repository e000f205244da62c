import { describe, expect, it } from 'vitest';
import { runWithLimit } from './run-with-limit';

/** A task per item that the test settles by hand, counting how many run at once. */
function controlledTasks() {
  const running = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let mostAtOnce = 0;
  const task = (item: number) =>
    new Promise<number>((resolve, reject) => {
      running.set(item, {
        resolve: () => {
          running.delete(item);
          resolve(item * 10);
        },
        reject: (error) => {
          running.delete(item);
          reject(error);
        },
      });
      mostAtOnce = Math.max(mostAtOnce, running.size);
    });
  return { running, task, mostAtOnce: () => mostAtOnce };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('runWithLimit', () => {
  it('never runs more than the limit at once, and starts the next as one ends', async () => {
    const tasks = controlledTasks();
    const items = Array.from({ length: 10 }, (_, index) => index);
    const done = runWithLimit(items, 4, tasks.task);
    await settle();
    expect([...tasks.running.keys()]).toEqual([0, 1, 2, 3]);
    tasks.running.get(1)?.resolve();
    await settle();
    expect([...tasks.running.keys()]).toEqual([0, 2, 3, 4]);
    while (tasks.running.size > 0) {
      for (const { resolve } of [...tasks.running.values()]) resolve();
      await settle();
    }
    const outcomes = await done;
    expect(tasks.mostAtOnce()).toBe(4);
    expect(outcomes.map((outcome) => outcome.status === 'fulfilled' && outcome.value)).toEqual(
      items.map((item) => item * 10),
    );
  });

  it('carries on past a failure and reports it in its place', async () => {
    const seen: number[] = [];
    const outcomes = await runWithLimit(
      [1, 2, 3],
      2,
      async (item) => {
        if (item === 2) throw new Error('Gateway timed out');
        return item;
      },
      (_outcome, item) => seen.push(item),
    );
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(outcomes[1]).toMatchObject({
      status: 'rejected',
      reason: { message: 'Gateway timed out' },
    });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: 3 });
    expect(seen.sort()).toEqual([1, 2, 3]);
  });

  it('says what is wrong with a limit that would run nothing', async () => {
    await expect(runWithLimit([1], 0, async (item) => item)).rejects.toThrow(
      'limit must be a whole number of at least 1, got 0',
    );
  });
});
