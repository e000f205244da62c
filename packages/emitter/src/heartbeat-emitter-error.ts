/** Why the emitter refused an operation that was well-formed but not possible now. */
export type HeartbeatEmitterErrorCode =
  | 'session_exists'
  | 'session_crashed'
  | 'session_removed'
  /** An action the host does not support (not in the emitter's `actions`). */
  | 'action_not_supported'
  /** An action on a session within `actionCooldownMs` of the last one on it. */
  | 'action_too_soon';

/**
 * Thrown for a well-formed request the session's status forbids (malformed
 * input throws `TypeError` instead). `code` lets an HTTP layer pick
 * 404/409/429/501.
 */
export class HeartbeatEmitterError extends Error {
  override readonly name = 'HeartbeatEmitterError';
  readonly code: HeartbeatEmitterErrorCode;
  readonly sessionKey: string;
  /** `action_too_soon`: how long until an action on this session is accepted. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: HeartbeatEmitterErrorCode,
    sessionKey: string,
    message: string,
    retryAfterMs?: number,
  ) {
    super(message);
    this.code = code;
    this.sessionKey = sessionKey;
    this.retryAfterMs = retryAfterMs;
  }
}
