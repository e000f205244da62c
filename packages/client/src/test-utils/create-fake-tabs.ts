import type {
  TabChannel,
  TabChannelConstructor,
  TabLockManager,
  TabLockSnapshot,
} from '../tab-channel';

/** One tab of the fake browser: its `navigator.locks` and `BroadcastChannel`. */
export interface FakeTab {
  readonly locks: TabLockManager;
  readonly BroadcastChannel: TabChannelConstructor;
  /** The tab goes away as a closed tab does: its locks are released, its channels closed, nothing of its own runs. */
  close(): void;
  /** Messages this tab's channels were handed so far (each one woke the tab). */
  messagesHeard(): number;
}

interface LockRequest {
  name: string;
  tab: number;
  callback: (lock: unknown) => Promise<void>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface OpenChannel {
  name: string;
  tab: number;
  closed: boolean;
  listeners: ((event: { data: unknown }) => void)[];
  heard(): void;
}

function abortError(): Error {
  return new DOMException('The request was aborted.', 'AbortError');
}

/**
 * A browser with one origin, in memory: Web Locks (exclusive, granted in
 * request order, released when the callback's promise settles or the tab
 * closes) and BroadcastChannel (a structured clone to every other open
 * channel of that name, delivered in a later task, in order). Tasks run on
 * the global timers, so Vitest's fake timers drive them.
 */
export function createFakeTabs(): { open(): FakeTab } {
  const held = new Map<string, LockRequest>();
  const pending: LockRequest[] = [];
  const channels: OpenChannel[] = [];
  let tabs = 0;

  function grantNext(name: string): void {
    if (held.has(name)) return;
    const index = pending.findIndex((request) => request.name === name);
    const next = pending[index];
    if (next === undefined) return;
    pending.splice(index, 1);
    held.set(name, next);
    const release = (): void => {
      if (held.get(name) !== next) return;
      held.delete(name);
      grantNext(name);
    };
    // The callback runs in a task of its own, as a browser grants it.
    setTimeout(() => {
      if (held.get(name) !== next) return; // the tab closed first
      next.callback({ name }).then(
        (value) => {
          next.resolve(value);
          release();
        },
        (error: unknown) => {
          next.reject(error);
          release();
        },
      );
    }, 0);
  }

  function open(): FakeTab {
    const tab = (tabs += 1);
    let closed = false;
    let heard = 0;

    const locks: TabLockManager = {
      request(name, options, callback) {
        return new Promise((resolve, reject) => {
          if (closed) return reject(new DOMException('The tab is gone.', 'InvalidStateError'));
          const { signal } = options;
          if (signal?.aborted === true) return reject(abortError());
          const request: LockRequest = { name, tab, callback, resolve, reject };
          signal?.addEventListener('abort', () => {
            const index = pending.indexOf(request);
            if (index < 0) return; // granted already: aborting does nothing then
            pending.splice(index, 1);
            reject(abortError());
          });
          pending.push(request);
          grantNext(name);
        });
      },
      query(): Promise<TabLockSnapshot> {
        return Promise.resolve({
          held: [...held.keys()].map((name) => ({ name })),
          pending: pending.map((request) => ({ name: request.name })),
        });
      },
    };

    class FakeBroadcastChannel implements TabChannel {
      readonly #channel: OpenChannel;

      constructor(name: string) {
        this.#channel = {
          name,
          tab,
          closed: closed,
          listeners: [],
          heard: () => {
            heard += 1;
          },
        };
        channels.push(this.#channel);
      }

      postMessage(message: unknown): void {
        const from = this.#channel;
        if (from.closed) throw new DOMException('The channel is closed.', 'InvalidStateError');
        const data = structuredClone(message);
        const to = channels.filter((other) => other !== from && other.name === from.name);
        setTimeout(() => {
          for (const channel of to) {
            if (channel.closed) continue;
            channel.heard();
            for (const listener of channel.listeners) listener({ data: structuredClone(data) });
          }
        }, 0);
      }

      addEventListener(_type: 'message', listener: (event: { data: unknown }) => void): void {
        this.#channel.listeners.push(listener);
      }

      close(): void {
        this.#channel.closed = true;
      }
    }

    return {
      locks,
      BroadcastChannel: FakeBroadcastChannel,
      messagesHeard: () => heard,
      close() {
        closed = true;
        for (const channel of channels) if (channel.tab === tab) channel.closed = true;
        for (let index = pending.length - 1; index >= 0; index -= 1) {
          if (pending[index]?.tab === tab) pending.splice(index, 1);
        }
        for (const [name, request] of held) {
          if (request.tab !== tab) continue;
          held.delete(name);
          grantNext(name);
        }
      },
    };
  }

  return { open };
}
