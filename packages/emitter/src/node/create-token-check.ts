import { createHash, timingSafeEqual } from 'node:crypto';

export interface TokenCheck {
  /** Constant-time comparison with the server's token; true when none is required. */
  matches(candidate: string | undefined): boolean;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Compares tokens through their SHA-256 digests with `timingSafeEqual`: equal
 * lengths whatever was sent, so neither the length nor a common prefix of the
 * token leaks through timing. The token itself is never kept in a message.
 */
export function createTokenCheck(token: string | undefined): TokenCheck {
  if (token !== undefined && (typeof token !== 'string' || token.length === 0)) {
    throw new TypeError('token must be a non-empty string when given');
  }
  const expected = token === undefined ? undefined : digest(token);
  return {
    matches(candidate) {
      if (expected === undefined) return true;
      if (typeof candidate !== 'string') return false;
      return timingSafeEqual(digest(candidate), expected);
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}
