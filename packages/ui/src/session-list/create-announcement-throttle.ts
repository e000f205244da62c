import { describeSourceOutage } from '../source-notices/describe-sources';

/** What the live region should say about sessions that just needed a look. */
export interface AlertBatch {
  stalled: readonly string[];
  unresponsive: readonly string[];
  /** Fleet: sources that became unreachable, each said once with its sessions. */
  sources?: readonly { id: string; sessions: number }[];
}

export interface AnnouncementThrottleOptions {
  /** The shortest gap between two announcements, in ms. @default 5000 */
  minGapMs?: number;
  /** Says it: sets the live region's text. */
  announce: (message: string) => void;
  /** @default globalThis.setTimeout */
  setTimeout?: (callback: () => void, delayMs: number) => unknown;
  /** @default globalThis.clearTimeout */
  clearTimeout?: (handle: unknown) => void;
  /** @default Date.now */
  now?: () => number;
}

export interface AnnouncementThrottle {
  /** A session became stalled or unresponsive. */
  add(sessionKey: string, health: 'stalled' | 'unresponsive'): void;
  /** Fleet: a source became unreachable, hiding `sessions` sessions. */
  addSource(sourceId: string, sessions: number): void;
  dispose(): void;
}

const LISTED_KEYS = 3;

function sentence(keys: readonly string[], health: string): string {
  const listed = keys.slice(0, LISTED_KEYS).join(', ');
  const more = keys.length > LISTED_KEYS ? ` and ${keys.length - LISTED_KEYS} more` : '';
  const subject = keys.length === 1 ? `1 session ${health}` : `${keys.length} sessions ${health}`;
  return `${subject}: ${listed}${more}.`;
}

/** "2 sessions stalled: agent:main:main, agent:ops:main. 1 session unresponsive: …" */
export function describeAlerts({ stalled, unresponsive, sources = [] }: AlertBatch): string {
  const parts: string[] = [];
  if (sources.length > 0) {
    const sessions = sources.reduce((sum, source) => sum + source.sessions, 0);
    const listed = sources.slice(0, LISTED_KEYS).map((source) => source.id);
    const more = sources.length > LISTED_KEYS ? ` and ${sources.length - LISTED_KEYS} more` : '';
    parts.push(`${describeSourceOutage(sources.length, sessions)}: ${listed.join(', ')}${more}.`);
  }
  if (unresponsive.length > 0) parts.push(sentence(unresponsive, 'unresponsive'));
  if (stalled.length > 0) parts.push(sentence(stalled, 'stalled'));
  return parts.join(' ');
}

/**
 * Collects sessions that became stalled or unresponsive and announces them
 * at most once per `minGapMs`, as one summary: never once per heartbeat.
 * The first announcement after a quiet spell goes out at once.
 */
export function createAnnouncementThrottle({
  minGapMs = 5000,
  announce,
  setTimeout: setTimer = (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: cancel = (handle) => globalThis.clearTimeout(handle as number),
  now = () => Date.now(),
}: AnnouncementThrottleOptions): AnnouncementThrottle {
  let pending = new Map<string, 'stalled' | 'unresponsive'>();
  let pendingSources = new Map<string, number>();
  let lastAnnouncedAt = -Infinity;
  let timer: unknown;

  function flush(): void {
    timer = undefined;
    if (pending.size === 0 && pendingSources.size === 0) return;
    const sources = [...pendingSources].map(([id, sessions]) => ({ id, sessions }));
    pendingSources = new Map();
    const stalled: string[] = [];
    const unresponsive: string[] = [];
    for (const [key, health] of pending) (health === 'stalled' ? stalled : unresponsive).push(key);
    pending = new Map();
    lastAnnouncedAt = now();
    announce(describeAlerts({ stalled, unresponsive, sources }));
  }

  function schedule(): void {
    if (timer !== undefined) return;
    const wait = lastAnnouncedAt + minGapMs - now();
    // Even "at once" waits a tick, so a burst of changes in one batch is one sentence.
    timer = setTimer(flush, Math.max(0, wait));
  }

  return {
    add(sessionKey, health) {
      pending.set(sessionKey, health);
      schedule();
    },
    addSource(sourceId, sessions) {
      pendingSources.set(sourceId, sessions);
      schedule();
    },
    dispose() {
      if (timer !== undefined) cancel(timer);
      timer = undefined;
      pending.clear();
      pendingSources.clear();
    },
  };
}
