import { describe, expect, it } from 'vitest';
import { decodeClientFrame } from './parse-client-frame';
import { CloseCode } from './types';

describe('decodeClientFrame', () => {
  it('reads a hello, with or without a token', () => {
    expect(decodeClientFrame('{"type":"hello","protocol":1}')).toEqual({
      ok: true,
      frame: { type: 'hello', protocol: 1 },
    });
    expect(
      decodeClientFrame('{"type":"hello","protocol":1,"token":"s3cret","extra":true}'),
    ).toEqual({
      ok: true,
      frame: { type: 'hello', protocol: 1, token: 's3cret' },
    });
  });

  it.each([
    ['not json', CloseCode.InvalidPayload, 'frame is not JSON'],
    ['[1,2]', CloseCode.InvalidPayload, 'frame must be a JSON object, got an array'],
    ['"hello"', CloseCode.InvalidPayload, 'frame must be a JSON object, got "hello"'],
    ['{"type":"subscribe"}', CloseCode.PolicyViolation, 'unknown frame type "subscribe"'],
    [
      '{"type":"hello","protocol":2}',
      CloseCode.PolicyViolation,
      'hello: protocol must be 1, got 2',
    ],
    [
      '{"type":"hello","protocol":1,"token":42}',
      CloseCode.PolicyViolation,
      'hello: token must be a string, got 42',
    ],
  ])('%s → close %i (%s)', (text, closeCode, reason) => {
    expect(decodeClientFrame(text)).toEqual({ ok: false, closeCode, reason });
  });

  it('refuses a frame over 64 KiB with 1009, before reading it', () => {
    const text = JSON.stringify({ type: 'hello', protocol: 1, token: 'x'.repeat(65 * 1024) });
    // ASCII: one byte per character.
    expect(decodeClientFrame(text, text.length)).toEqual({
      ok: false,
      closeCode: 1009,
      reason: 'frame over 65536 bytes',
    });
  });

  it('never puts the token in a reason', () => {
    const result = decodeClientFrame('{"type":"hello","protocol":3,"token":"s3cret"}');
    expect(JSON.stringify(result)).not.toContain('s3cret');
  });
});
