import type { SessionHealth } from '@session-heartbeat/core';
import type { HealthStretch } from '@session-heartbeat/react';

interface LegendEntry {
  label: string;
  /** The segment it shows, drawn exactly as the strip draws it; none for "no data". */
  segment?: { state: HealthStretch['state']; health?: SessionHealth };
  mark?: true;
}

const ENTRIES: readonly LegendEntry[] = [
  { label: 'Working', segment: { state: 'streaming' } },
  { label: 'Waiting', segment: { state: 'awaiting_model' } },
  { label: 'Stalled', segment: { state: 'tool_exec', health: 'stalled' } },
  { label: 'No heartbeat', segment: { state: 'streaming', health: 'unresponsive' } },
  { label: 'Idle', segment: { state: 'idle' } },
  { label: 'Not connected', segment: { state: 'unknown' } },
  { label: 'No data', segment: undefined },
  { label: 'Action asked', mark: true },
];

/**
 * What the strip's patterns mean, each swatch drawn by the strip's own
 * styles. Idle (a thin grey band: the session was there, doing nothing) and
 * no data (the empty track: nothing was heard yet) look and read differently.
 */
export function TimelineLegend() {
  return (
    <ul className="shb-timeline__legend" aria-label="Legend">
      {ENTRIES.map((entry) => (
        <li key={entry.label}>
          <span className="shb-timeline__swatch" aria-hidden="true">
            {entry.segment !== undefined && (
              <span
                className="shb-timeline__segment"
                data-state={entry.segment.state}
                data-health={entry.segment.health}
                style={{ left: 0, width: '100%' }}
              />
            )}
            {entry.mark && <span className="shb-timeline__mark" style={{ left: '50%' }} />}
          </span>
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
