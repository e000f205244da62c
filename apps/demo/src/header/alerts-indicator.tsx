import { useNotificationPermission } from '../alerts/use-notification-permission';

export interface AlertsIndicatorProps {
  /** Opens the settings at the alerts. */
  onOpenSettings: () => void;
}

/**
 * Says, in words, that alerts are on, and whether they can reach the
 * person: with notifications blocked (or none in this browser) they show
 * only in the page title, and the indicator says so. A button: it opens the
 * settings where alerts are turned on and off.
 */
export function AlertsIndicator({ onOpenSettings }: AlertsIndicatorProps) {
  const access = useNotificationPermission();
  const titleOnly = access === 'denied' || access === 'unsupported';
  return (
    <button
      type="button"
      className="demo-alerts"
      data-state={titleOnly ? 'title-only' : 'on'}
      aria-haspopup="dialog"
      title={
        titleOnly
          ? 'Notifications are blocked: stalled and silent sessions are counted in the page title only'
          : 'You get a browser notification when a session stalls or stops responding'
      }
      onClick={onOpenSettings}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M4 11V7a4 4 0 0 1 8 0v4l1.5 1.5h-11zM6.5 14h3" />
      </svg>
      {titleOnly ? 'Alerts on: title only' : 'Alerts on'}
    </button>
  );
}
