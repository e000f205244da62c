/** Where one session's restart request stands. */
export interface RestartFlowState {
  /** The first click asked to confirm. */
  confirming: boolean;
  /** The request is in flight. */
  pending: boolean;
  /** The last request failed. */
  failed: boolean;
  /** The last request was accepted. */
  accepted: boolean;
  /** `stateSince` of the session when the accepted request was confirmed. */
  requestedAt: number | undefined;
  /** Why the last request failed. */
  errorMessage: string | undefined;
}

/**
 * The restart requests of a list's sessions, by session key. `SessionList`
 * reuses a row for whichever session its place shows, so a request that is
 * being confirmed, in flight, accepted or failed is kept here, where it
 * follows its session from row to row (and no row holds a mutation observer
 * of its own). Only sessions with a request under way have an entry.
 */
export interface RestartFlows {
  /** `undefined` when nothing is under way; an entry keeps its reference until it changes. */
  get(sessionKey: string): RestartFlowState | undefined;
  /** Calls `listener` when this session's entry changes; returns an unsubscribe. */
  subscribe(sessionKey: string, listener: () => void): () => void;
  /** The first click: ask to confirm. */
  request(sessionKey: string): void;
  /** Backs out of a confirm, and forgets an earlier outcome. */
  cancel(sessionKey: string): void;
  /**
   * Sends the request. `stateSince` is the session's when confirmed: an
   * accepted restart shows "done" until the session leaves that state.
   */
  confirm(sessionKey: string, stateSince: number | undefined): void;
}

const NOTHING: RestartFlowState = {
  confirming: false,
  pending: false,
  failed: false,
  accepted: false,
  requestedAt: undefined,
  errorMessage: undefined,
};

/** @param restart sends one restart request, e.g. `client.restartSession` */
export function createRestartFlows(restart: (sessionKey: string) => Promise<void>): RestartFlows {
  const flows = new Map<string, RestartFlowState>();
  const listeners = new Map<string, Set<() => void>>();
  /** The latest request per session: an older one that settles late changes nothing. */
  const latest = new Map<string, object>();

  function set(sessionKey: string, change: Partial<RestartFlowState>): void {
    const next = { ...(flows.get(sessionKey) ?? NOTHING), ...change };
    if (!next.confirming && !next.pending && !next.failed && !next.accepted) {
      flows.delete(sessionKey);
    } else {
      flows.set(sessionKey, next);
    }
    for (const listener of [...(listeners.get(sessionKey) ?? [])]) listener();
  }

  return {
    get: (sessionKey) => flows.get(sessionKey),
    subscribe(sessionKey, listener) {
      let forKey = listeners.get(sessionKey);
      if (forKey === undefined) {
        forKey = new Set();
        listeners.set(sessionKey, forKey);
      }
      forKey.add(listener);
      return () => {
        forKey.delete(listener);
        if (forKey.size === 0) listeners.delete(sessionKey);
      };
    },
    request(sessionKey) {
      set(sessionKey, { confirming: true });
    },
    cancel(sessionKey) {
      latest.delete(sessionKey);
      set(sessionKey, NOTHING);
    },
    confirm(sessionKey, stateSince) {
      const request = {};
      latest.set(sessionKey, request);
      set(sessionKey, {
        confirming: false,
        pending: true,
        failed: false,
        accepted: false,
        errorMessage: undefined,
      });
      restart(sessionKey).then(
        () => {
          if (latest.get(sessionKey) !== request) return;
          set(sessionKey, { pending: false, accepted: true, requestedAt: stateSince });
        },
        (error: unknown) => {
          if (latest.get(sessionKey) !== request) return;
          set(sessionKey, {
            pending: false,
            failed: true,
            errorMessage: error instanceof Error ? error.message : String(error),
          });
        },
      );
    },
  };
}
