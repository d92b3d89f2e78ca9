import { describe, expect, it } from 'vitest';
import { containsNul } from './contains-nul';

describe('containsNul', () => {
  it('finds NUL in nested strings and keys, and nothing in clean input', () => {
    expect(containsNul({ q: 'a\u0000b' })).toBe(true);
    expect(containsNul({ filters: [{ note: ['ok', 'x\u0000'] }] })).toBe(true);
    expect(containsNul({ ['k\u0000']: 1 })).toBe(true);
    expect(containsNul({ q: 'plain', n: 3, d: null, list: ['a'] })).toBe(false);
    expect(containsNul(undefined)).toBe(false);
  });
});
