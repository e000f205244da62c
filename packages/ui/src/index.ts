// Components. Each works with plain props, or (given a session key, or no
// data props) follows the client of the nearest `HeartbeatProvider`.
export { StatusDot, type StatusDotProps, type StatusDotSize } from './status-dot/status-dot';
export { SessionTooltip, type SessionTooltipProps } from './session-tooltip/session-tooltip';
export {
  SessionTooltipProvider,
  type SessionTooltipProviderProps,
} from './session-tooltip/session-tooltip-provider';
export { SessionDetails, type SessionDetailsProps } from './session-tooltip/session-details';
export {
  ConnectedSessionDetails,
  type ConnectedSessionDetailsProps,
} from './session-tooltip/connected-session-details';
export { LastActivity, type LastActivityProps } from './last-activity/last-activity';
export { Elapsed, type ElapsedProps } from './last-activity/elapsed';
export {
  ConnectionBanner,
  type ConnectionBannerProps,
} from './connection-banner/connection-banner';
export {
  describeConnection,
  type BannerTone,
  type ConnectionMessage,
} from './connection-banner/describe-connection';
export { SessionTimeline, type SessionTimelineProps } from './session-timeline/session-timeline';
export {
  describeTimeline,
  timelineSegments,
  type TimelineEntry,
  type TimelineSegment,
} from './session-timeline/timeline-segments';
export {
  CountsBar,
  HealthCounts,
  type HealthCountsProps,
  type SessionFilter,
} from './health-counts/health-counts';
export { SessionList, type SessionListProps } from './session-list/session-list';
export { SessionRow, type SessionRowProps } from './session-row/session-row';
export { SessionRowView, type SessionRowViewProps } from './session-row/session-row-view';
export {
  SessionRestartAction,
  type SessionRestartActionProps,
} from './session-row/session-restart-action';
export { useRestartFlow, type RestartFlow } from './session-row/use-restart-flow';
export {
  RestartActionView,
  type RestartActionViewProps,
  type RestartPhase,
} from './session-row/restart-action-view';
export { StallAnnouncer, type StallAnnouncerProps } from './session-list/stall-announcer';
export {
  createAnnouncementThrottle,
  describeAlerts,
  type AlertBatch,
  type AnnouncementThrottle,
  type AnnouncementThrottleOptions,
} from './session-list/create-announcement-throttle';
export { countPendingMoves } from './session-list/count-pending-moves';
export { RenderProbeProvider, useRenderProbe, type RenderProbe } from './session-list/render-probe';

// Words and times, as the components say them.
export {
  HEALTH_LABELS,
  describeHealthReason,
  describeState,
  formatAbsoluteTime,
  formatDuration,
  formatRelativeTime,
  type RelativeTimeStyle,
} from './format';
