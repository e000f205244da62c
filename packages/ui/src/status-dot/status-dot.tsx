import type { SessionHealth } from '@session-heartbeat/core';
import { useSessionHealth } from '@session-heartbeat/react';
import type { ComponentPropsWithRef } from 'react';
import { HEALTH_LABELS } from '../format/describe-session';
import { NEEDS_APPROVAL } from './approval-words';
import { StatusDotGlyph } from './status-dot-glyph';

/** `sm` 10 px (dense rows), `md` 14 px, `lg` 20 px (headers, detail panels). */
export type StatusDotSize = 'sm' | 'md' | 'lg';

interface StatusDotBaseProps extends Omit<ComponentPropsWithRef<'span'>, 'children' | 'role'> {
  /** @default 'md' */
  size?: StatusDotSize;
  /**
   * The accessible name. Override it only to add context ("Stalled: agent:main:main").
   * @default the health in words: `Active`, `Waiting`, `Stalled`, `Unresponsive`, `Idle`, `Unknown`
   */
  label?: string;
  /**
   * The session waits on a person (`tool_wait`): waiting's colour, its own
   * shape (a question mark), and the name `Needs approval`. Only with `waiting`.
   * @default false
   */
  approval?: boolean;
}

export type StatusDotProps = StatusDotBaseProps &
  (
    | {
        /** The health to show. */
        health: SessionHealth;
        sessionKey?: never;
      }
    | {
        /** A session whose health to show, live (inside a `HeartbeatProvider`). */
        sessionKey: string;
        health?: never;
      }
  );

/**
 * A session's health as a dot whose **shape** as well as colour differs per
 * health, so it reads in greyscale and for colour-blind users: filled circle
 * (active), half-filled ring (waiting), diamond with "!" (stalled), circle
 * with a cross (unresponsive), small dot (idle), hollow ring (unknown).
 * Active and waiting pulse gently, not under `prefers-reduced-motion`.
 * `role="img"` with the health as its name; `data-health` for CSS and tests.
 *
 * @example
 * <StatusDot health="stalled" size="sm" />
 * <StatusDot sessionKey="agent:main:main" />
 */
export function StatusDot(props: StatusDotProps) {
  return props.sessionKey === undefined ? (
    <HealthDot {...props} health={props.health} />
  ) : (
    <SessionDot {...props} sessionKey={props.sessionKey} />
  );
}

function SessionDot({ sessionKey, ...props }: StatusDotBaseProps & { sessionKey: string }) {
  return <HealthDot {...props} health={useSessionHealth(sessionKey).health} />;
}

function HealthDot({
  health,
  size = 'md',
  approval = false,
  label = approval && health === 'waiting' ? NEEDS_APPROVAL : HEALTH_LABELS[health],
  className,
  ...spanProps
}: StatusDotBaseProps & { health: SessionHealth; sessionKey?: undefined }) {
  return (
    <span
      {...spanProps}
      role="img"
      aria-label={label}
      data-health={health}
      data-size={size}
      data-approval={(approval && health === 'waiting') || undefined}
      className={className === undefined ? 'shb-status-dot' : `shb-status-dot ${className}`}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <StatusDotGlyph health={health} approval={approval} />
      </svg>
    </span>
  );
}
