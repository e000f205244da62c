import { SOURCE_ID_MAX_LENGTH } from '@session-heartbeat/core';

/** The prefix of every key the fleet writes. @default 'shb:' */
export const DEFAULT_KEY_PREFIX = 'shb:';

/**
 * A source id as the fleet takes it: 1–128 letters, digits, `.`, `_`, `:`
 * or `-`. No `/`: the aggregator's keys are `<source>/<key>`, split at the
 * first slash to route an action back to its gateway.
 */
const SOURCE_ID = new RegExp(`^[A-Za-z0-9._:-]{1,${SOURCE_ID_MAX_LENGTH}}$`);

/** Why `source` cannot be a fleet source id, or `undefined` if it can. */
export function sourceIdProblem(source: string): string | undefined {
  if (SOURCE_ID.test(source)) return undefined;
  return (
    `a source id is 1–${SOURCE_ID_MAX_LENGTH} letters, digits, ".", "_", ":" or "-", ` +
    `got ${JSON.stringify(source.length > 40 ? `${source.slice(0, 40)}…` : source)}`
  );
}

/** The Redis keys of one source (the `{id}` hash tag keeps them in one Cluster slot). */
export interface SourceKeys {
  /** Stream of what the gateway emitted: batches of heartbeats and removals, resets. */
  events: string;
  /** Hash: session key → its newest heartbeat (JSON), for snapshots. */
  sessions: string;
  /** Hash: the run's epoch, interval, actions, last beat. */
  meta: string;
  /** String with a TTL, rewritten every beat: the source is alive (Sidekiq's process beat). */
  beat: string;
  /** Stream of actions asked for the source's sessions. */
  commands: string;
}

export function sourceKeys(prefix: string, source: string): SourceKeys {
  const base = `${prefix}src:{${source}}:`;
  return {
    events: `${base}events`,
    sessions: `${base}sessions`,
    meta: `${base}meta`,
    beat: `${base}beat`,
    commands: `${base}commands`,
  };
}

/** The set of every source id that ever published: how aggregators discover sources. */
export function sourcesSetKey(prefix: string): string {
  return `${prefix}sources`;
}
