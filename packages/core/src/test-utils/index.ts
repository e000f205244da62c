export { T0, makeHeartbeat, makeReceivedHeartbeat } from './make-heartbeat';
