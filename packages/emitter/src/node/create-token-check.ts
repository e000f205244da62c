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
  const problem = token === undefined ? undefined : tokenProblem(token);
  if (problem !== undefined) throw new TypeError(problem);
  const expected = token === undefined ? undefined : digest(token);
  return {
    matches(candidate) {
      if (expected === undefined) return true;
      if (typeof candidate !== 'string') return false;
      return timingSafeEqual(digest(candidate), expected);
    },
  };
}

/**
 * Why a token cannot work, or undefined if it can: it must be a non-empty
 * string that an `Authorization: Bearer` header can carry, so no whitespace
 * (which a header splits or trims) and no control characters.
 */
export function tokenProblem(token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length === 0) {
    return 'token must be a non-empty string when given';
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for.
  if (/[\s\u0000-\u001f\u007f]/.test(token)) {
    return 'token must not contain spaces, tabs, line breaks or control characters: "Authorization: Bearer <token>" cannot carry them';
  }
  return undefined;
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}
