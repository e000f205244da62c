// @session-heartbeat/client/worker: the heartbeat worker's script. A host
// serves it from its own origin and passes its URL as the client's `worker`
// option; it runs the network transport off the page's main thread.
import { serveHeartbeatWorker } from './serve-heartbeat-worker';
import type { WorkerScope } from './worker-messages';

serveHeartbeatWorker(globalThis as unknown as WorkerScope);
