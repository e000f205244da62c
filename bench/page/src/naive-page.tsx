/**
 * The naive baseline: what the dashboard would cost done the host UI's way
 * (see naive/use-refetched-sessions.ts), measured by the same probes.
 */
import { installInstrumentation } from './instrument/install-instrumentation';
import '@session-heartbeat/ui/styles.css';
import './bench-page.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { NaiveList } from './naive/naive-list';
import { useRefetchedSessions } from './naive/use-refetched-sessions';

installInstrumentation({ variant: 'naive', scrollSelector: '.bench-naive' });

function NaivePage() {
  return <NaiveList body={useRefetchedSessions()} />;
}

const root = document.getElementById('root');
if (root === null) throw new Error('naive.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <NaivePage />
  </StrictMode>,
);
