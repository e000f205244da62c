/**
 * The real dashboard list, as the demo renders it (apps/demo/src/app.tsx):
 * `HeartbeatProvider` on this origin with the demo's default settings, and
 * `SessionList` with the demo's options, in the demo's box, under StrictMode.
 */
import { installInstrumentation } from './instrument/install-instrumentation';
import '@session-heartbeat/ui/styles.css';
import './bench-page.css';
import type { SessionSortKey } from '@session-heartbeat/core';
import { HeartbeatProvider, transportWorker, type SessionFilter } from '@session-heartbeat/react';
import { SessionList } from '@session-heartbeat/ui';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import heartbeatWorker from '@session-heartbeat/client/worker?worker&url';
import { DEMO_THRESHOLDS, LIST_HEIGHT_PX } from './demo-defaults';

installInstrumentation({ variant: 'list', scrollSelector: '.shb-list__viewport' });

const params = new URLSearchParams(window.location.search);
/** `?share=off`: every tab its own connection (the tabs scenario's baseline); else the default. */
const shareConnection = params.get('share') === 'off' ? false : undefined;
/** `?worker=on`: the transport in a worker (the client's `worker`); else in the page, as the demo runs it. */
const worker = params.get('worker') === 'on' ? transportWorker(heartbeatWorker) : undefined;

function ListPage() {
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [filter, setFilter] = useState<SessionFilter>('all');
  const [search, setSearch] = useState('');
  const [sortBy, setSortBy] = useState<SessionSortKey>('severity');
  return (
    <HeartbeatProvider
      baseUrl={window.location.origin}
      transport="auto"
      thresholds={DEMO_THRESHOLDS}
      shareConnection={shareConnection}
      worker={worker}
    >
      <SessionList
        className="demo-list"
        hideToolbar
        height={LIST_HEIGHT_PX}
        filter={filter}
        onFilterChange={setFilter}
        search={search}
        onSearchChange={setSearch}
        sortBy={sortBy}
        onSortByChange={setSortBy}
        selectedKey={selectedKey}
        onSelect={setSelectedKey}
      />
    </HeartbeatProvider>
  );
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ListPage />
  </StrictMode>,
);
