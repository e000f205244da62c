import { describe, expect, it } from 'vitest';
import { pageTitle } from './page-title';

describe('pageTitle', () => {
  it('counts the sessions that need a look, and says nothing at zero', () => {
    expect(pageTitle(2)).toBe('(2) Sessions — Heartbeat');
    expect(pageTitle(0)).toBe('Sessions — Heartbeat');
  });
});
