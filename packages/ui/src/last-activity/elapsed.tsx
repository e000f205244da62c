import { useServerNow } from '@session-heartbeat/react';
import type { ComponentPropsWithRef } from 'react';
import { formatDuration } from '../format/format-duration';

export interface ElapsedProps extends Omit<ComponentPropsWithRef<'span'>, 'children'> {
  /** The start, epoch ms on the server's clock. */
  since: number;
  /**
   * Now, on the same clock. Omit it to follow the shared ticking clock
   * (`useServerNow()`, inside a `HeartbeatProvider`).
   */
  now?: number | undefined;
}

/**
 * A duration that ticks: `42s`, `1m 5s` (`formatDuration`), in tabular numerals. Without
 * `now` it updates from the shared clock; only it re-renders each second.
 */
export function Elapsed(props: ElapsedProps) {
  return props.now === undefined ? (
    <TickingElapsed {...props} />
  ) : (
    <ElapsedAt {...props} now={props.now} />
  );
}

function TickingElapsed(props: ElapsedProps) {
  return <ElapsedAt {...props} now={useServerNow()} />;
}

function ElapsedAt({ since, now, className, ...spanProps }: ElapsedProps & { now: number }) {
  return (
    <span
      {...spanProps}
      className={className === undefined ? 'shb-elapsed' : `shb-elapsed ${className}`}
    >
      {formatDuration(now - since)}
    </span>
  );
}
