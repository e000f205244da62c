/** The longest tail kept whole, in characters. */
const MAX_TAIL = 18;
/** The shortest tail: a one-character last part keeps some context before it. */
const MIN_TAIL = 6;

/**
 * Splits a session key for truncation in the middle: the `head` may be cut
 * (with an ellipsis, by CSS), the `tail` always shows. The tail is the key's
 * last part, after its last `:` or `/` (where keys put what tells sessions
 * apart: `agent:load:bench:direct:00042` → `direct:00042`), at least `MIN_TAIL`
 * characters and at most `MAX_TAIL` (a long last part keeps its end); a
 * short last part keeps the part before it (`subagent:7`).
 *
 * @example
 * splitSessionKey('agent:ops:telegram:direct:4711') // → { head: 'agent:ops:telegram:', tail: 'direct:4711' }
 */
export function splitSessionKey(sessionKey: string): { head: string; tail: string } {
  if (sessionKey.length <= MIN_TAIL) return { head: '', tail: sessionKey };
  const lastSeparator = (before: number) =>
    Math.max(sessionKey.lastIndexOf(':', before), sessionKey.lastIndexOf('/', before));
  const separator = lastSeparator(sessionKey.length);
  let lastPart = sessionKey.length - separator - 1;
  if (lastPart < MIN_TAIL && separator > 0) {
    // A short last part (`…:subagent:7`) keeps the part before it.
    lastPart = sessionKey.length - lastSeparator(separator - 1) - 1;
  }
  const tailLength = Math.min(MAX_TAIL, Math.max(MIN_TAIL, lastPart));
  const cut = sessionKey.length - tailLength;
  return { head: sessionKey.slice(0, cut), tail: sessionKey.slice(cut) };
}
