import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from './format-count';

describe('formatCount and countOf', () => {
  it('groups thousands the way the rest of the dashboard writes them', () => {
    expect(formatCount(10_000)).toBe('10,000');
    expect(formatCount(0)).toBe('0');
  });

  it('says one thing in the singular and any other count in the plural', () => {
    expect(countOf(1, 'session')).toBe('1 session');
    expect(countOf(0, 'session')).toBe('0 sessions');
    expect(countOf(1234, 'gateway')).toBe('1,234 gateways');
    expect(countOf(2, 'match', 'matches')).toBe('2 matches');
  });
});
