import { type SessionFilter, useConnectionStatus } from '@session-heartbeat/react';
import { ConnectionBanner, HealthCounts, SourceNotices } from '@session-heartbeat/ui';
import { useEffect, useRef } from 'react';
import { AlertsIndicator } from './alerts-indicator';
import { ConnectionPill } from './connection-pill';
import { LastUpdate } from './last-update';
import './app-header.css';

export interface AppHeaderProps {
  /** What the dashboard is connected to, e.g. `127.0.0.1:4317`. */
  serverLabel: string;
  filter: SessionFilter;
  onFilterChange: (filter: SessionFilter) => void;
  /** Opens the settings; `'token'` starts at the token field, `'alerts'` at the alerts. */
  onOpenSettings: (focus?: 'token' | 'alerts') => void;
  /** Alerts are on: the header says so. @default false */
  alertsOn?: boolean;
}

/** Brand, the counts bar (which filters the list), connection, alerts, last update, settings; the banner below. */
export function AppHeader({
  serverLabel,
  filter,
  onFilterChange,
  onOpenSettings,
  alertsOn = false,
}: AppHeaderProps) {
  const refused = useConnectionStatus().kind === 'unauthorized';
  const header = useRef<HTMLElement>(null);
  // The header wraps and grows a banner: what sticks below it needs its real height.
  useEffect(() => {
    const element = header.current;
    if (element === null || typeof ResizeObserver === 'undefined') return undefined;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.setProperty('--demo-header-height', `${element.offsetHeight}px`);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--demo-header-height');
    };
  }, []);
  return (
    <header className="demo-header" ref={header}>
      <div className="demo-header__bar">
        <div className="demo-brand">
          <svg className="demo-brand__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" />
            <path d="M5 17h6l3-7 4 13 3-6h6" />
          </svg>
          <div className="demo-brand__text">
            <h1 className="demo-brand__title">Sessions</h1>
            <span className="demo-brand__server" title={serverLabel}>
              {serverLabel}
            </span>
          </div>
        </div>
        <HealthCounts
          className="demo-header__counts"
          filter={filter}
          onFilterChange={onFilterChange}
          label="Sessions by health (filters the list)"
        />
        <div className="demo-header__end">
          {refused && (
            <button
              type="button"
              className="shb-button shb-button--danger demo-header__token"
              aria-haspopup="dialog"
              onClick={() => onOpenSettings('token')}
            >
              Enter token
            </button>
          )}
          <ConnectionPill />
          {alertsOn && <AlertsIndicator onOpenSettings={() => onOpenSettings('alerts')} />}
          <LastUpdate />
          <button
            type="button"
            className="shb-button demo-header__settings"
            onClick={() => onOpenSettings()}
            aria-haspopup="dialog"
          >
            <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M2.5 4.5h6M11.5 4.5h2M2.5 11.5h2M7.5 11.5h6" />
              <circle cx="10" cy="4.5" r="1.6" />
              <circle cx="6" cy="11.5" r="1.6" />
            </svg>
            Settings
          </button>
        </div>
      </div>
      <ConnectionBanner className="demo-header__banner" />
      {/* Fleet: one notice per gateway the aggregator cannot hear (empty otherwise). */}
      <SourceNotices className="demo-header__sources" />
    </header>
  );
}
