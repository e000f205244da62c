// Every export of the browser packages (react re-exports the client), kept whole (namespaces), as a
// consumer's bundler would see them: the upper bound of what they can cost.
import '@session-heartbeat/ui/styles.css';

export * as core from '@session-heartbeat/core';
export * as react from '@session-heartbeat/react';
export * as ui from '@session-heartbeat/ui';
