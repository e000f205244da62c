export { formatDuration } from './format-duration';
export {
  formatAbsoluteTime,
  formatRelativeTime,
  type RelativeTimeStyle,
} from './format-relative-time';
export { HEALTH_LABELS, describeHealthReason, describeState } from './describe-session';
