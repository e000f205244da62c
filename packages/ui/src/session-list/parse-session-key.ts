/** The parts of an OpenClaw session key that a person groups by. */
export interface SessionKeyParts {
  /** `ops` in `agent:ops:telegram:direct:4711`; `undefined` for a key of another shape. */
  agent: string | undefined;
  /** `telegram` in `agent:ops:telegram:direct:4711` (`main` for an agent's main session). */
  channel: string | undefined;
}

/**
 * Reads `agent:<agent>:<channel>:…` (OpenClaw's session keys). A fleet key
 * `<source>/<key>` is read after its source. Any other shape has no agent and
 * no channel: the key stays the session's identity either way.
 *
 * @example
 * parseSessionKey('gw-2/agent:ops:telegram:direct:4711') // → { agent: 'ops', channel: 'telegram' }
 */
export function parseSessionKey(sessionKey: string, source?: string): SessionKeyParts {
  const key =
    source !== undefined && sessionKey.startsWith(`${source}/`)
      ? sessionKey.slice(source.length + 1)
      : sessionKey;
  const parts = key.split(':');
  if (parts[0] !== 'agent' || parts.length < 3 || parts[1] === '' || parts[2] === '') {
    return { agent: undefined, channel: undefined };
  }
  return { agent: parts[1], channel: parts[2] };
}
