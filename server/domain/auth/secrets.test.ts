import { describe, expect, it } from 'vitest';
import { generateApiKey, generateToken, parseApiKey, secretMatches, sha256Hex } from './secrets';

describe('API keys and tokens', () => {
  it('generates keys that parse back to their prefix and match only their hash', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^vgl_[a-z0-9]{12}_/);
    expect(parseApiKey(key)).toEqual({ prefix });
    expect(hash).not.toContain(key.split('_')[2]);
    expect(secretMatches(key, hash)).toBe(true);
    expect(secretMatches(`${key}x`, hash)).toBe(false);
  });

  it('rejects malformed keys', () => {
    for (const bad of ['', 'vgl_', 'Bearer x', 'vgl_ABC_def', `vgl_${'a'.repeat(12)}_short`]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('never repeats a token, and stores only its hash', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(sha256Hex(a.token));
    expect(a.token).toHaveLength(43);
  });
});
