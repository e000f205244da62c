import { useHeartbeatState, useListening, useSessionKeys } from '@session-heartbeat/react';
import { useEffect, useRef, useState } from 'react';
import { createAnnouncementThrottle } from './create-announcement-throttle';

export interface StallAnnouncerProps {
  /** The shortest gap between two announcements, in ms. @default 5000 */
  minGapMs?: number;
}

/**
 * A polite live region that says when sessions become stalled or
 * unresponsive: one summary at most every `minGapMs` ("2 sessions stalled:
 * agent:main:main, …"), never once per heartbeat. A fleet's gateway that
 * becomes unreachable is said once ("1 source unreachable (1,000 sessions):
 * gw-2"). What was already wrong when
 * the data arrived, or when the connection came back, is not news.
 */
export function StallAnnouncer({ minGapMs = 5000 }: StallAnnouncerProps) {
  const stalled = useSessionKeys({ filter: 'stalled', sortBy: 'key' });
  const unresponsive = useSessionKeys({ filter: 'unresponsive', sortBy: 'key' });
  const hasSnapshot = useHeartbeatState((state) => state.hasSnapshot);
  const listening = useListening();
  const sources = useHeartbeatState((state) => state.sources);
  const [message, setMessage] = useState('');
  const [throttle] = useState(() => createAnnouncementThrottle({ minGapMs, announce: setMessage }));
  const known = useRef<{
    stalled: ReadonlySet<string>;
    unresponsive: ReadonlySet<string>;
    unreachable: ReadonlySet<string>;
  } | null>(null);

  useEffect(() => () => throttle.dispose(), [throttle]);

  useEffect(() => {
    const previous = known.current;
    if (!hasSnapshot || !listening) {
      known.current = null; // nothing to compare with until we hear the server again
      return;
    }
    const unreachable = sources.filter((source) => source.status === 'unreachable');
    known.current = {
      stalled: new Set(stalled),
      unresponsive: new Set(unresponsive),
      unreachable: new Set(unreachable.map((source) => source.id)),
    };
    if (previous === null) return; // the baseline
    // A gateway that went away is one event, said once with its sessions (which
    // turn unknown, not unresponsive, so they are never listed one by one).
    for (const source of unreachable) {
      if (!previous.unreachable.has(source.id)) throttle.addSource(source.id, source.sessions);
    }
    for (const key of unresponsive) {
      if (!previous.unresponsive.has(key)) throttle.add(key, 'unresponsive');
    }
    for (const key of stalled) {
      if (!previous.stalled.has(key) && !previous.unresponsive.has(key)) {
        throttle.add(key, 'stalled');
      }
    }
  }, [stalled, unresponsive, sources, hasSnapshot, listening, throttle]);

  return (
    <div className="shb-visually-hidden" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
