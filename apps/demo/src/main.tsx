import '@session-heartbeat/ui/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { applyTheme } from './settings/apply-theme';
import { loadSettings } from './settings/settings-storage';

// Before the first paint, so a dark page never flashes light.
applyTheme(loadSettings().theme);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
