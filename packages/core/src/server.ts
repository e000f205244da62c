// @session-heartbeat/core/server: the server's half of the contract, for
// implementations of the heartbeat server (the emitter's Node adapter, an
// aggregator): what a client may send, and how long it has to say hello.
export {
  decodeClientFrame,
  type ClientFrameError,
  type ClientFrameResult,
} from './protocol/parse-client-frame';
export { HELLO_TIMEOUT_MS } from './protocol/types';
export { decodeSessionKeySegment } from './protocol/session-key-segment';
