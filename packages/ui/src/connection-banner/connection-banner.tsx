import {
  type ConnectionStatus,
  useConnectionStatus,
  useHeartbeatClient,
  useServerNow,
} from '@session-heartbeat/react';
import type { ComponentPropsWithRef } from 'react';
import { describeConnection } from './describe-connection';

interface BannerBaseProps extends Omit<ComponentPropsWithRef<'div'>, 'children' | 'role'> {
  /**
   * Shows "Retry now" while reconnecting. Inside a `HeartbeatProvider` it
   * defaults to the client's `reconnect()`.
   */
  onRetry?: () => void;
}

export type ConnectionBannerProps = BannerBaseProps &
  (
    | {
        /** The status to show; omit it (and `serverNow`) to follow the provider's client. */
        status: ConnectionStatus;
        /** Now, on the server's clock, for the retry countdown. */
        serverNow: number;
      }
    | { status?: undefined; serverNow?: undefined }
  );

/**
 * How the dashboard hears the server, in words: nothing while live;
 * "Reconnecting… (retry in 3s)", "Live updates unavailable — polling every
 * 5s", "Disconnected", "Not authorized — check the token". When sessions
 * show grey it says that *we* cannot see them, not that they died.
 *
 * A `role="status"` region that stays mounted (empty while live), so screen
 * readers announce each change; the ticking countdown is shown, not announced.
 * With no `status` it follows the `HeartbeatProvider`'s client.
 *
 * @example
 * <ConnectionBanner />
 */
export function ConnectionBanner(props: ConnectionBannerProps) {
  return props.status === undefined ? (
    <LiveConnectionBanner {...props} />
  ) : (
    <ConnectionBannerView {...props} status={props.status} serverNow={props.serverNow} />
  );
}

function LiveConnectionBanner({ onRetry, ...props }: BannerBaseProps) {
  const client = useHeartbeatClient();
  const status = useConnectionStatus();
  const serverNow = useServerNow();
  return (
    <ConnectionBannerView
      {...props}
      status={status}
      serverNow={serverNow}
      onRetry={onRetry ?? (() => client.reconnect())}
    />
  );
}

function ConnectionBannerView({
  status,
  serverNow,
  onRetry,
  className,
  ...divProps
}: BannerBaseProps & { status: ConnectionStatus; serverNow: number }) {
  const message = describeConnection(status, serverNow);
  return (
    <div
      {...divProps}
      role="status"
      className={className === undefined ? 'shb-banner' : `shb-banner ${className}`}
      data-state={status.kind}
      data-tone={message.tone}
    >
      {message.tone !== 'none' && (
        <>
          <span className="shb-banner__icon" aria-hidden="true" />
          <span className="shb-banner__text">
            <strong className="shb-banner__title">{message.title}</strong>
            {message.countdown !== undefined && (
              <span className="shb-banner__countdown" aria-hidden="true">
                {' '}
                {message.countdown}
              </span>
            )}
            {message.detail !== undefined && (
              <span className="shb-banner__detail"> {message.detail}</span>
            )}
          </span>
          {status.kind === 'reconnecting' && onRetry !== undefined && (
            <button type="button" className="shb-button shb-banner__action" onClick={onRetry}>
              Retry now
            </button>
          )}
        </>
      )}
    </div>
  );
}
