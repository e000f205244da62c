import { useSessionHealth } from '@session-heartbeat/react';
import {
  HEALTH_LABELS,
  SessionTooltip,
  StatusDot,
  type StatusDotSize,
} from '@session-heartbeat/ui';

export interface SessionDotButtonProps {
  sessionKey: string;
  size: StatusDotSize;
  onSelect: (sessionKey: string) => void;
}

/**
 * One session's live dot as a button: its name says the health and the
 * session ("Stalled: agent:main:main"), focus or hover opens the session's
 * details, and a click selects it.
 */
export function SessionDotButton({ sessionKey, size, onSelect }: SessionDotButtonProps) {
  const { health } = useSessionHealth(sessionKey);
  return (
    <SessionTooltip sessionKey={sessionKey} side="bottom" align="start">
      <button
        type="button"
        className="shb-row__dot-button shb-element-dot"
        data-size={size}
        data-health={health}
        onClick={() => onSelect(sessionKey)}
      >
        <StatusDot health={health} size={size} label={`${HEALTH_LABELS[health]}: ${sessionKey}`} />
      </button>
    </SessionTooltip>
  );
}
