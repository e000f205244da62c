import { useCallback, useState } from 'react';
import type { DashboardSettings } from './dashboard-settings';
import {
  loadServerUrl,
  loadSettings,
  loadToken,
  saveServerUrl,
  saveSettings,
  saveToken,
} from './settings-storage';

/** What the dashboard runs with: settings, and where and how it connects. */
export interface DashboardConfig {
  settings: DashboardSettings;
  /** `''`: this page's own origin. */
  serverUrl: string;
  token: string;
}

export function loadDashboardConfig(): DashboardConfig {
  return { settings: loadSettings(), serverUrl: loadServerUrl(), token: loadToken() };
}

/** The dashboard's configuration, read once from storage and saved on every change. */
export function useDashboardConfig(): [DashboardConfig, (next: DashboardConfig) => void] {
  const [config, setConfig] = useState(loadDashboardConfig);
  const update = useCallback((next: DashboardConfig) => {
    saveSettings(next.settings);
    saveServerUrl(next.serverUrl);
    saveToken(next.token);
    setConfig(next);
  }, []);
  return [config, update];
}
