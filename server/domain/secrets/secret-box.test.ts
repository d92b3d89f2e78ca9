import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, parseSecretsKey, sealSecret, secretHint } from './secret-box';

const key = randomBytes(32);
const previous = randomBytes(32);

describe('secret box', () => {
  it('opens what it sealed, only with the same organization and purpose', () => {
    const sealed = sealSecret('xoxb-123-secret', key, 'org-1:slack.bot_token');
    expect(sealed).not.toContain('xoxb');
    expect(openSecret(sealed, [key], 'org-1:slack.bot_token')).toEqual({
      ok: true,
      plaintext: 'xoxb-123-secret',
    });
    expect(openSecret(sealed, [key], 'org-2:slack.bot_token')).toMatchObject({
      ok: false,
      reason: 'tampered',
    });
  });

  it('seals twice differently and refuses a changed byte', () => {
    const a = sealSecret('s', key, 'x');
    expect(a).not.toBe(sealSecret('s', key, 'x'));
    const parts = a.split('.');
    parts[4] = Buffer.from('t').toString('base64url');
    expect(openSecret(parts.join('.'), [key], 'x')).toMatchObject({
      ok: false,
      reason: 'tampered',
    });
    expect(openSecret('garbage', [key], 'x')).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('opens with a previous key during rotation and names a missing key', () => {
    const old = sealSecret('token', previous, 'x');
    expect(openSecret(old, [key, previous], 'x')).toMatchObject({ ok: true, plaintext: 'token' });
    expect(openSecret(old, [key], 'x')).toMatchObject({ ok: false, reason: 'unknown_key' });
  });

  it('parses base64 and hex keys of 32 bytes only', () => {
    expect(parseSecretsKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseSecretsKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(parseSecretsKey('short')).toBeNull();
  });

  it('hints only the last four characters', () => {
    expect(secretHint('whsec_abcdefghijkl')).toBe('••••ijkl');
    expect(secretHint('short')).toBe('••••');
  });
});
