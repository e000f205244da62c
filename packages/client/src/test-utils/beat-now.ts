import type { ReceivedHeartbeat } from '@session-heartbeat/core';
import { makeReceivedHeartbeat } from '@session-heartbeat/core/test-utils';

/** A heartbeat of `sessionKey` with `seq`, emitted now (on the test's fake clock). */
export function beatNow(
  sessionKey: string,
  seq: number,
  fields: Partial<ReceivedHeartbeat> = {},
): ReceivedHeartbeat {
  return makeReceivedHeartbeat({ sessionKey, seq, at: Date.now(), ...fields });
}
