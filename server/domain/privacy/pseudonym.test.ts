import { describe, expect, it } from 'vitest';
import {
  identifierVariants,
  isPseudonym,
  maskDeep,
  maskIdentifiers,
  pseudonymFor,
} from './pseudonym';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);
const PERSON = '5b0b3f38-6c4e-4f7e-9d2a-0d7f1c2b3a41';

describe('pseudonymFor', () => {
  it('is stable for one key and person, and shaped "Person XXXX-XXXX"', () => {
    const p = pseudonymFor(KEY_A, PERSON);
    expect(p).toBe(pseudonymFor(KEY_A, PERSON));
    expect(isPseudonym(p)).toBe(true);
  });

  it('differs between organizations (keys) and between people', () => {
    expect(pseudonymFor(KEY_A, PERSON)).not.toBe(pseudonymFor(KEY_B, PERSON));
    expect(pseudonymFor(KEY_A, PERSON)).not.toBe(
      pseudonymFor(KEY_A, '5b0b3f38-6c4e-4f7e-9d2a-0d7f1c2b3a42'),
    );
  });

  it('does not contain the id', () => {
    expect(pseudonymFor(KEY_A, PERSON).toLowerCase()).not.toContain(PERSON.slice(0, 4));
  });

  it('refuses a short key', () => {
    expect(() => pseudonymFor('short', PERSON)).toThrow();
  });

  it('rarely collides in a large organization', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(pseudonymFor(KEY_A, `person-${i}`));
    expect(seen.size).toBeGreaterThanOrEqual(1999);
  });
});

describe('maskIdentifiers', () => {
  const P = 'Person 7F3A-91C2';

  it('replaces every identifier, case-insensitively, longest first', () => {
    const text = 'Jun.Reyes@acme.test exported 4,200 rows as jun.reyes; Jun Reyes was on shift';
    expect(maskIdentifiers(text, identifierVariants(['jun.reyes@acme.test', 'Jun Reyes']), P)).toBe(
      `${P} exported 4,200 rows as ${P}; ${P} was on shift`,
    );
  });

  it('leaves text without identifiers and ignores very short ones', () => {
    expect(maskIdentifiers('exported 4,200 rows', ['jr', null, ''], P)).toBe('exported 4,200 rows');
  });

  it('treats identifiers as text, not patterns', () => {
    expect(maskIdentifiers('user a.b+c(1) did x', ['a.b+c(1)'], P)).toBe(`user ${P} did x`);
    expect(maskIdentifiers('user aXb did x', ['a.b'], P)).toBe('user aXb did x');
  });
});

describe('maskDeep', () => {
  it('masks strings at any depth and keeps dates and numbers', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const out = maskDeep(
      { explanation: 'jun.reyes exported', stats: { actor: 'JUN.REYES', n: 3 }, events: [{ at }] },
      ['jun.reyes'],
      'Person 7F3A-91C2',
    );
    expect(out).toEqual({
      explanation: 'Person 7F3A-91C2 exported',
      stats: { actor: 'Person 7F3A-91C2', n: 3 },
      events: [{ at }],
    });
    expect(out.events[0]!.at).toBeInstanceOf(Date);
  });
});
