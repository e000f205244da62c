import { describe, failed, isObject, parsed, type ParseResult } from './parse-heartbeat';
import { CloseCode, MAX_FRAME_BYTES, PROTOCOL_VERSION, type ClientFrame } from './types';

/** Why a client frame was refused, with the close code the contract gives it. */
export interface ClientFrameError {
  closeCode: CloseCode;
  reason: string;
}

export type ClientFrameResult =
  { ok: true; frame: ClientFrame } | ({ ok: false } & ClientFrameError);

/**
 * Reads a frame a client sent over the WebSocket, as the server sees it:
 * over 64 KiB → 1009, not JSON or not an object → 1007, an unknown type or a
 * malformed hello → 1008. `byteLength` is the frame's size on the wire.
 */
export function decodeClientFrame(text: string, byteLength = text.length): ClientFrameResult {
  if (byteLength > MAX_FRAME_BYTES) {
    return {
      ok: false,
      closeCode: CloseCode.MessageTooBig,
      reason: `frame over ${MAX_FRAME_BYTES} bytes`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, closeCode: CloseCode.InvalidPayload, reason: 'frame is not JSON' };
  }
  if (!isObject(value)) {
    return {
      ok: false,
      closeCode: CloseCode.InvalidPayload,
      reason: `frame must be a JSON object, got ${describe(value)}`,
    };
  }
  const read = parseClientFrame(value);
  return read.ok
    ? { ok: true, frame: read.value }
    : { ok: false, closeCode: CloseCode.PolicyViolation, reason: read.error };
}

/** Reads an already-decoded client frame. */
export function parseClientFrame(input: unknown): ParseResult<ClientFrame> {
  if (!isObject(input)) return failed(`frame must be a JSON object, got ${describe(input)}`);
  if (input.type !== 'hello') return failed(`unknown frame type ${describe(input.type)}`);
  if (input.protocol !== PROTOCOL_VERSION) {
    return failed(`hello: protocol must be ${PROTOCOL_VERSION}, got ${describe(input.protocol)}`);
  }
  const { token } = input;
  if (token !== undefined && typeof token !== 'string') {
    return failed(`hello: token must be a string, got ${describe(token)}`);
  }
  return parsed(
    token === undefined
      ? { type: 'hello', protocol: PROTOCOL_VERSION }
      : { type: 'hello', protocol: PROTOCOL_VERSION, token },
  );
}
