import type { SessionHealth } from '@session-heartbeat/core';

/**
 * The shape of each health, drawn in a 16 × 16 box with `currentColor`: the
 * shape alone tells them apart in greyscale and for colour-blind users.
 * (The pulse of active and waiting is the dot's CSS `::before`, which the
 * compositor animates: see styles.css.)
 *
 * - active: a filled circle that pulses
 * - waiting: a ring, half filled, that pulses in active's rhythm
 *   - needs approval (a wait on a person): a filled dot with a question mark
 * - stalled: a diamond with an exclamation mark
 * - unresponsive: a filled circle with a cross
 * - idle: a small filled circle
 * - unknown: a hollow ring
 */
export function StatusDotGlyph({
  health,
  approval = false,
}: {
  health: SessionHealth;
  /** A wait on a person (waiting's family, its own shape): a filled dot with a question mark. */
  approval?: boolean;
}) {
  if (approval && health === 'waiting') {
    return (
      <>
        <circle cx="8" cy="8" r="6.75" fill="currentColor" />
        <path
          className="shb-status-dot__cross"
          d="M6.1 6.3a1.95 1.95 0 1 1 2.7 1.8c-.5.22-.8.6-.8 1.1v.35"
          strokeWidth="1.6"
          strokeLinecap="round"
        />
        <circle className="shb-status-dot__glyph" cx="8" cy="11.45" r="1" />
      </>
    );
  }
  switch (health) {
    case 'active':
      return (
        <>
          <circle cx="8" cy="8" r="5" fill="currentColor" />
        </>
      );
    case 'waiting':
      return (
        <>
          <circle cx="8" cy="8" r="4.75" fill="none" stroke="currentColor" strokeWidth="1.75" />
          <path d="M8 3.25a4.75 4.75 0 0 1 0 9.5z" fill="currentColor" />
        </>
      );
    case 'stalled':
      return (
        <>
          <path d="M8 .9 15.1 8 8 15.1.9 8z" fill="currentColor" />
          <rect className="shb-status-dot__glyph" x="7.1" y="4" width="1.8" height="5" rx=".9" />
          <circle className="shb-status-dot__glyph" cx="8" cy="11.4" r="1" />
        </>
      );
    case 'unresponsive':
      return (
        <>
          <circle cx="8" cy="8" r="6.75" fill="currentColor" />
          <path
            className="shb-status-dot__cross"
            d="M5.6 5.6l4.8 4.8m0-4.8-4.8 4.8"
            strokeWidth="1.9"
            strokeLinecap="round"
          />
        </>
      );
    case 'idle':
      return <circle cx="8" cy="8" r="3.5" fill="currentColor" />;
    case 'unknown':
      return <circle cx="8" cy="8" r="4.75" fill="none" stroke="currentColor" strokeWidth="1.5" />;
    default:
      return health satisfies never;
  }
}
