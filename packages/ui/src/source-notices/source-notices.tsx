import { type SourceStatus, useHeartbeatState } from '@session-heartbeat/react';
import { type ComponentPropsWithRef, useMemo } from 'react';
import { describeSources } from './describe-sources';

export interface SourceNoticesProps extends Omit<
  ComponentPropsWithRef<'div'>,
  'children' | 'role'
> {
  /** The sources to show; omit it to follow the provider's client (`state.sources`). */
  sources?: readonly SourceStatus[];
  /**
   * Renders the time a source was last heard.
   * @default the page's locale, hours and minutes
   */
  formatTime?: (at: number) => string;
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const defaultFormatTime = (at: number): string => timeOfDay.format(at);

function LiveSourceNotices(props: Omit<SourceNoticesProps, 'sources'>) {
  const sources = useHeartbeatState((state) => state.sources, 'SourceNotices');
  return <SourceNoticesView {...props} sources={sources} />;
}

function SourceNoticesView({
  sources,
  formatTime = defaultFormatTime,
  className,
  ...divProps
}: SourceNoticesProps & { sources: readonly SourceStatus[] }) {
  const notices = useMemo(() => describeSources(sources, formatTime), [sources, formatTime]);
  return (
    <div
      {...divProps}
      role="status"
      className={className === undefined ? 'shb-source-notices' : `shb-source-notices ${className}`}
    >
      {notices.map((notice) => (
        <p key={notice.key} className="shb-banner" data-tone="danger" data-source={notice.key}>
          <span className="shb-banner__icon" aria-hidden="true" />
          <span className="shb-banner__text">
            <strong className="shb-banner__title">{notice.title}</strong>
            <span className="shb-banner__detail"> — {notice.detail}</span>
          </span>
        </p>
      ))}
    </div>
  );
}

/**
 * Fleet: one notice per gateway the aggregator cannot hear ("gw-2
 * unreachable since 12:03 — 1,000 sessions unknown"), instead of an alarm
 * per session; one for the whole fleet while the aggregator has lost Redis.
 * A `role="status"` region that stays mounted (empty while every source is
 * live, and with a single gateway), so screen readers announce each change.
 *
 * @example
 * <SourceNotices />
 */
export function SourceNotices(props: SourceNoticesProps) {
  return props.sources === undefined ? (
    <LiveSourceNotices {...props} />
  ) : (
    <SourceNoticesView {...props} sources={props.sources} />
  );
}
