/**
 * The path segment of a session key in `/api/sessions/:key/…`.
 *
 * A key travels percent-encoded, except `.` and `..`: URL parsers (browsers,
 * `fetch`, `new URL`) remove dot segments, and `%2E` counts as a dot too, so
 * `/api/sessions/../heartbeat` would reach another route. Those two keys are
 * percent-encoded twice instead (`%252E`, `%252E%252E`), and the server reads
 * `%2E` / `%2E%2E` after its one decoding as `.` / `..`. The price: keys that
 * are literally `%2E` or `%2E%2E` cannot be addressed by path.
 */
export function encodeSessionKeySegment(sessionKey: string): string {
  const encoded = encodeURIComponent(sessionKey);
  return encoded === '.' || encoded === '..' ? encoded.replaceAll('.', '%252E') : encoded;
}

const ESCAPED_DOTS = /^(?:%2e){1,2}$/i;

/**
 * The session key of a path segment the server has percent-decoded once:
 * `%2E` is `.` and `%2E%2E` is `..` (see {@link encodeSessionKeySegment}).
 */
export function decodeSessionKeySegment(decodedSegment: string): string {
  return ESCAPED_DOTS.test(decodedSegment) ? '.'.repeat(decodedSegment.length / 3) : decodedSegment;
}
