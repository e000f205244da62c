import type { SessionSortKey } from '@session-heartbeat/core';
import {
  HeartbeatProvider,
  transportWorker,
  useHeartbeatState,
  type SessionFilter,
} from '@session-heartbeat/react';
import { SessionList } from '@session-heartbeat/ui';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
// The transport's worker, a file of this origin (the host CSP's `script-src 'self'` allows it).
import heartbeatWorker from '@session-heartbeat/client/worker?worker&url';
import { useHealthAlerts } from './alerts/use-health-alerts';
import { AppHeader } from './header/app-header';
import { SessionDetailPanel } from './sessions/session-detail-panel';
import { applyTheme } from './settings/apply-theme';
import {
  mergeThresholds,
  toThresholdConfig,
  TRANSPORT_MODES,
  withServerThresholds,
} from './settings/dashboard-settings';
import { SettingsDialog, type SettingsDialogProps } from './settings/settings-dialog';
import { useDashboardConfig, type DashboardConfig } from './settings/use-dashboard-settings';
import { useServerThresholds } from './settings/use-server-thresholds';

/** Where the detail panel moves below the list (keep in step with app.css). */
const STACKED_LAYOUT = '(max-width: 1099px)';

/**
 * `?worker=on`: hear the server from a worker (the client's `worker`), which
 * keeps a big fleet's first snapshot (50,000 sessions) from freezing the page;
 * a small one paints sooner without (see bench/README.md).
 */
const WORKER =
  new URLSearchParams(window.location.search).get('worker') === 'on'
    ? transportWorker(heartbeatWorker)
    : undefined;

function serverLabel(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return baseUrl;
  }
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))
  );
}

/** The dashboard: connects to the configured server (this origin by default). */
export function App() {
  const [config, setConfig] = useDashboardConfig();
  const { settings } = config;
  const baseUrl = config.serverUrl === '' ? window.location.origin : config.serverUrl;
  // One config for the dashboard and the server's alerts: the server's, when it serves one.
  const { server, save: saveServerThresholds } = useServerThresholds(baseUrl, config.token);
  const [thresholdsRefused, setThresholdsRefused] = useState<string>();
  const thresholds = useMemo(
    () => (server.status === 'served' ? server.thresholds : toThresholdConfig(settings)),
    [server, settings],
  );
  // The dialog edits the thresholds in force.
  const shownConfig = useMemo(
    () =>
      server.status === 'served'
        ? { ...config, settings: withServerThresholds(config.settings, server.thresholds) }
        : config,
    [server, config],
  );
  const changeConfig = useCallback(
    (next: DashboardConfig) => {
      setConfig(next);
      setThresholdsRefused(undefined);
      if (server.status !== 'served' || !server.canChange) return;
      void saveServerThresholds(mergeThresholds(server.thresholds, next.settings)).then(
        setThresholdsRefused,
      );
    },
    [server, setConfig, saveServerThresholds],
  );

  const thresholdsFrom =
    server.status !== 'served' ? 'local' : server.canChange ? 'server' : 'server-read-only';

  useEffect(() => applyTheme(settings.theme), [settings.theme]);

  return (
    <HeartbeatProvider
      baseUrl={baseUrl}
      token={config.token === '' ? undefined : config.token}
      transport={TRANSPORT_MODES[settings.transport]}
      thresholds={thresholds}
      worker={WORKER}
    >
      {thresholdsRefused !== undefined && (
        <p className="demo-error-summary" role="alert">
          The server kept its thresholds: {thresholdsRefused}
        </p>
      )}
      <Dashboard
        config={shownConfig}
        onConfigChange={changeConfig}
        serverLabel={serverLabel(baseUrl)}
        thresholdsFrom={thresholdsFrom}
      />
    </HeartbeatProvider>
  );
}

function Dashboard({
  config,
  onConfigChange,
  serverLabel: label,
  thresholdsFrom,
}: {
  config: DashboardConfig;
  onConfigChange: (config: DashboardConfig) => void;
  serverLabel: string;
  thresholdsFrom: SettingsDialogProps['thresholdsFrom'];
}) {
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [filter, setFilter] = useState<SessionFilter>('all');
  const [search, setSearch] = useState('');
  const [sortBy, setSortBy] = useState<SessionSortKey>('severity');
  // Open, and where it starts; `null` when closed.
  const [settingsOpen, setSettingsOpen] = useState<{ focus?: 'token' | 'alerts' } | null>(null);
  const interval = useHeartbeatState((state) => state.interval);
  const searchRef = useRef<HTMLInputElement>(null);
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const listRegion = useRef<HTMLElement>(null);

  const openSession = useCallback((key: string) => {
    setSelectedKey(key);
    // Stacked layout: the details are below the list, out of sight; take the reader there.
    if (window.matchMedia(STACKED_LAYOUT).matches) {
      requestAnimationFrame(() => {
        const heading = detailHeading.current;
        heading?.focus({ preventScroll: true });
        heading?.closest('aside')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      });
    }
  }, []);
  useHealthAlerts(config.settings.alerts, openSession);

  const closeDetails = useCallback(() => {
    const key = selectedKey;
    setSelectedKey(null);
    // Back to the row it came from, or the list's tab stop.
    requestAnimationFrame(() => {
      const rows = listRegion.current;
      const row =
        (key === null
          ? null
          : rows?.querySelector<HTMLElement>(`[data-session-key="${CSS.escape(key)}"]`)) ??
        rows?.querySelector<HTMLElement>('[role="listitem"][tabindex="0"]');
      row?.focus();
    });
  }, [selectedKey]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (
        settingsOpen ||
        event.defaultPrevented ||
        event.altKey ||
        event.ctrlKey ||
        event.metaKey
      ) {
        return;
      }
      if (event.key === '/' && !isTyping(event.target)) {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === 'Escape' && selectedKey !== null && !isTyping(event.target)) {
        closeDetails();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [settingsOpen, selectedKey, closeDetails]);

  return (
    <div className="demo-app">
      <a className="demo-skip-link" href="#sessions">
        Skip to sessions
      </a>
      <AppHeader
        serverLabel={label}
        filter={filter}
        onFilterChange={setFilter}
        onOpenSettings={(focus) => setSettingsOpen(focus === undefined ? {} : { focus })}
        alertsOn={config.settings.alerts}
      />
      <main className="demo-main">
        <section
          id="sessions"
          ref={listRegion}
          className="demo-list-panel"
          aria-label="Session list"
          tabIndex={-1}
        >
          <SessionList
            className="demo-list"
            maxHeight="var(--demo-list-height)"
            showCounts={false}
            searchRef={searchRef}
            searchShortcut="/"
            filter={filter}
            onFilterChange={setFilter}
            search={search}
            onSearchChange={setSearch}
            sortBy={sortBy}
            onSortByChange={setSortBy}
            selectedKey={selectedKey}
            onSelect={openSession}
          />
        </section>
        <SessionDetailPanel
          sessionKey={selectedKey}
          onClose={closeDetails}
          headingRef={detailHeading}
        />
      </main>
      {settingsOpen !== null && (
        <SettingsDialog
          config={config}
          intervalMs={interval}
          initialFocus={settingsOpen.focus}
          thresholdsFrom={thresholdsFrom}
          onSave={onConfigChange}
          onClose={() => setSettingsOpen(null)}
        />
      )}
    </div>
  );
}
