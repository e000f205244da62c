import { describe, expect, it } from 'vitest';
import { bearerToken, createTokenCheck } from './create-token-check';
import { startHeartbeatServer } from './start-heartbeat-server';

describe('createTokenCheck', () => {
  it('refuses a token that an Authorization header can never carry, saying why', async () => {
    for (const token of ['two words', 'tab\there', 'line\nbreak', ' padded', 'nul\u0000']) {
      expect(() => createTokenCheck(token), JSON.stringify(token)).toThrow(
        /must not contain spaces, tabs, line breaks or control characters/,
      );
    }
    await expect(startHeartbeatServer({ token: 'two words' })).rejects.toThrow(TypeError);
  });

  it('matches what a Bearer header carries, and nothing else', () => {
    const check = createTokenCheck('s3cret-Ωtoken');
    expect(check.matches(bearerToken('Bearer s3cret-Ωtoken'))).toBe(true);
    expect(check.matches(bearerToken('Bearer s3cret'))).toBe(false);
    expect(check.matches(undefined)).toBe(false);
    expect(createTokenCheck(undefined).matches(undefined)).toBe(true);
  });
});
