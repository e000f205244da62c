import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '@session-heartbeat/core';
import { sendError } from './send-json';

export type BodyResult =
  | { ok: true; text: string }
  | { ok: false; status: 400 | 413; code: ErrorCode; message: string; close: boolean };

/**
 * A body this much over the limit is not drained: the answer goes out at
 * once and the connection is closed, so a huge upload costs nothing.
 */
const DRAIN_FACTOR = 16;

/**
 * Reads a request body, counting bytes as they stream in. Past `maxBytes`
 * nothing more is kept; a moderately oversized body is still drained so the
 * client reads its 413 instead of a connection reset, and a far larger one
 * ends the connection (`close: true`).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const tooLarge = (close: boolean): BodyResult => ({
    ok: false,
    status: 413,
    code: 'payload_too_large',
    message: `request body over ${maxBytes} bytes`,
    close,
  });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes * DRAIN_FACTOR) {
    return Promise.resolve(tooLarge(true));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes * DRAIN_FACTOR) settle(tooLarge(true));
      else if (received <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      settle(
        received > maxBytes
          ? tooLarge(false)
          : { ok: true, text: Buffer.concat(chunks).toString('utf8') },
      );
    });
    req.on('error', () => {
      settle({
        ok: false,
        status: 400,
        code: 'bad_request',
        message: 'request body could not be read',
        close: true,
      });
    });
  });
}

export type JsonBodyResult = { ok: true; value: unknown } | Extract<BodyResult, { ok: false }>;

/** Reads a JSON request body; an empty body reads as `undefined`. */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<JsonBodyResult> {
  const body = await readBody(req, maxBytes);
  if (!body.ok) return body;
  if (body.text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.text) as unknown };
  } catch {
    return {
      ok: false,
      status: 400,
      code: 'bad_request',
      message: 'request body is not valid JSON',
      close: false,
    };
  }
}

/** Sends the error a failed body read deserves, closing the connection if it must. */
export function sendBodyError(
  res: ServerResponse,
  failure: Extract<BodyResult, { ok: false }>,
): void {
  sendError(
    res,
    failure.status,
    failure.code,
    failure.message,
    failure.close ? { Connection: 'close' } : {},
  );
}
