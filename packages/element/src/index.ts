import { defineSessionHeartbeatElements } from './define-session-heartbeat-elements';

export * from './manual';

// Importing the package (or loading its bundle) registers both elements, each
// only if its name is still free.
defineSessionHeartbeatElements();
