// @session-heartbeat/ui: the components. Each shows what its data props say
// (`<StatusDot health="stalled" />`), or, given only a session key (or, for
// the list and the banner, nothing), follows the client of the nearest
// `HeartbeatProvider` (`<StatusDot sessionKey="agent:main:main" />`).
export { StatusDot, type StatusDotProps, type StatusDotSize } from './status-dot/status-dot';
export { SessionTooltip, type SessionTooltipProps } from './session-tooltip/session-tooltip';
export {
  SessionTooltipProvider,
  type SessionTooltipProviderProps,
} from './session-tooltip/session-tooltip-provider';
export { SessionDetails, type SessionDetailsProps } from './session-tooltip/session-details';
export { LastActivity, type LastActivityProps } from './last-activity/last-activity';
export { Elapsed, type ElapsedProps } from './last-activity/elapsed';
export {
  ConnectionBanner,
  type ConnectionBannerProps,
} from './connection-banner/connection-banner';
export { SessionTimeline, type SessionTimelineProps } from './session-timeline/session-timeline';
export type { TimelineMark } from './session-timeline/timeline-segments';
export { HealthCounts, type HealthCountsProps } from './health-counts/health-counts';
export { SourceNotices, type SourceNoticesProps } from './source-notices/source-notices';
export { SessionList, type SessionListProps } from './session-list/session-list';
export type { SessionGroupBy } from './session-list/group-sessions';
export type { SortDirection } from './session-list/sort-direction';
export { SessionRow, type SessionRowProps } from './session-row/session-row';
export {
  SessionActions,
  type ActionRung,
  type LadderWords,
  type SessionActionsProps,
} from './session-row/session-actions';
export type { ActionPhase } from './session-row/action-phase';
export type { SessionActionRequest } from './session-row/session-action-request';

// Words and times, as the components say them, for a host's own text.
export {
  HEALTH_LABELS,
  describeHealthReason,
  describeState,
  formatAbsoluteTime,
  formatDuration,
  formatRelativeTime,
  type RelativeTimeStyle,
} from './format';
