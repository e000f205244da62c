import {
  useServerNow,
  useSessionHealth,
  useSessionHeartbeat,
  useSessionHistory,
} from '@session-heartbeat/react';
import { SessionDetails } from './session-details';

export interface ConnectedSessionDetailsProps {
  sessionKey: string;
  label?: string | undefined;
  locale?: string | undefined;
  /** Show the last 10 minutes as a strip. @default true */
  showTimeline?: boolean;
}

/** `SessionDetails` for one session of the store, ticking with the shared clock. */
export function ConnectedSessionDetails({
  sessionKey,
  label,
  locale,
  showTimeline = true,
}: ConnectedSessionDetailsProps) {
  const heartbeat = useSessionHeartbeat(sessionKey);
  const verdict = useSessionHealth(sessionKey);
  const history = useSessionHistory(sessionKey);
  const serverNow = useServerNow();
  return (
    <SessionDetails
      sessionKey={sessionKey}
      label={label}
      heartbeat={heartbeat}
      verdict={verdict}
      serverNow={serverNow}
      history={showTimeline && heartbeat !== undefined ? history : undefined}
      locale={locale}
    />
  );
}
