import type { ThemeChoice } from './dashboard-settings';

/**
 * Sets `data-theme` on `<html>` (tooltips portal to `<body>` and follow it
 * too); `system` removes it, so the stylesheet follows `prefers-color-scheme`.
 */
export function applyTheme(theme: ThemeChoice): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
