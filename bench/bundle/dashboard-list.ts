// What a dashboard that shows the live list imports (as apps/demo does for
// its list): the provider and the list, tree-shaken to what they use.
import '@session-heartbeat/ui/styles.css';

export { HeartbeatProvider } from '@session-heartbeat/react';
export { SessionList } from '@session-heartbeat/ui';
