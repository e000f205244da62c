import { useServerNow } from '@session-heartbeat/react';
import type { ComponentPropsWithRef } from 'react';
import {
  formatAbsoluteTime,
  formatRelativeTime,
  type RelativeTimeStyle,
} from '../format/format-relative-time';

export interface LastActivityProps extends Omit<
  ComponentPropsWithRef<'time'>,
  'children' | 'dateTime'
> {
  /** When it happened, epoch ms on the server's clock. */
  at: number;
  /**
   * Now, on the same clock. Omit it to follow the shared ticking clock
   * (`useServerNow()`, inside a `HeartbeatProvider`).
   */
  now?: number | undefined;
  /** A BCP 47 tag. @default the browser's locale */
  locale?: string;
  /** @default 'narrow' (`12s ago`) */
  format?: RelativeTimeStyle;
}

/**
 * "12s ago", in the user's locale, as a `<time>` whose `title` is the
 * absolute date and time. Without `now` it updates from the shared clock;
 * only it re-renders each second, not its parent.
 *
 * @example
 * <LastActivity at={lastActivityAt(heartbeat)} />
 */
export function LastActivity(props: LastActivityProps) {
  return props.now === undefined ? (
    <TickingLastActivity {...props} />
  ) : (
    <LastActivityAt {...props} now={props.now} />
  );
}

function TickingLastActivity(props: LastActivityProps) {
  return <LastActivityAt {...props} now={useServerNow()} />;
}

function LastActivityAt({
  at,
  now,
  locale,
  format = 'narrow',
  className,
  ...timeProps
}: LastActivityProps & { now: number }) {
  return (
    <time
      title={formatAbsoluteTime(at, locale)}
      {...timeProps}
      dateTime={new Date(at).toISOString()}
      className={className === undefined ? 'shb-last-activity' : `shb-last-activity ${className}`}
    >
      {formatRelativeTime(at, now, locale, format)}
    </time>
  );
}
