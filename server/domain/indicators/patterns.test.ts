import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashedValue } from './identifiers';
import { buildPattern, parsePattern, quote, type PatternIdentifier } from './patterns';

describe('buildPattern', () => {
  it('writes standard objects where STIX has them and x-vigil-identifier elsewhere', () => {
    expect(
      buildPattern([
        { kind: 'email', value: 'kim@example.com' },
        { kind: 'github', value: 'kimr' },
        { kind: 'phone', value: '+14155550132' },
      ]),
    ).toBe(
      "[email-addr:value = 'kim@example.com'] OR " +
        "[user-account:account_type = 'github' AND user-account:account_login = 'kimr'] OR " +
        "[x-vigil-identifier:kind = 'phone' AND x-vigil-identifier:value = '+14155550132']",
    );
  });

  it('writes hashed identifiers over hashes.SHA-256 only', () => {
    const h = hashedValue('kim@example.com');
    expect(buildPattern([{ kind: 'email', value: h }])).toBe(
      `[x-vigil-identifier:kind = 'email' AND x-vigil-identifier:hashes.'SHA-256' = '${h.slice(7)}']`,
    );
  });

  it('is stable whatever the order', () => {
    const a: PatternIdentifier[] = [
      { kind: 'email', value: 'a@b.co' },
      { kind: 'wallet', value: '0x' + 'a'.repeat(40) },
    ];
    expect(buildPattern(a)).toBe(buildPattern([...a].reverse()));
  });

  it('escapes quotes and backslashes', () => {
    expect(quote("o'brien\\x")).toBe("'o\\'brien\\\\x'");
  });
});

describe('parsePattern', () => {
  it('reads back what buildPattern writes', () => {
    const ids: PatternIdentifier[] = [
      { kind: 'email', value: 'kim@example.com' },
      { kind: 'telegram', value: 'kim_reyes' },
      { kind: 'phone', value: '+14155550132' },
      { kind: 'address', value: '12 main st springfield' },
      { kind: 'phone', value: hashedValue('+14155550199') },
    ];
    const parsed = parsePattern(buildPattern(ids));
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.identifiers.map((i) => `${i.kind}:${i.value}`).sort()).toEqual(
        ids.map((i) => `${i.kind}:${i.value}`).sort(),
      );
  });

  it('normalizes what others wrote, and reads IN, qualifiers and parentheses', () => {
    const parsed = parsePattern(
      "([email-addr:value = 'Kim@Example.com' OR email-addr:value LIKE '%x'] AND [ipv4-addr:value = '10.0.0.1']) WITHIN 60 SECONDS FOLLOWEDBY [file:hashes.'SHA-256' IN ('a', 'b')] START t'2024-01-01T00:00:00Z' STOP t'2025-01-01T00:00:00Z'",
    );
    expect(parsed).toEqual({
      ok: true,
      identifiers: [{ kind: 'email', value: 'kim@example.com' }],
    });
  });

  it.each([
    ["[email-addr:value = 'a@b.co'", 'expected ]'],
    ["email-addr:value = 'a@b.co'", 'expected [ or ('],
    ["[email-addr:value = 'a@b.co] ", 'unterminated string'],
    ["[email-addr:value 'a@b.co']", 'comparison operator'],
    ["[person:name = 'Kim']", 'unknown object type "person"'],
    ["[ipv4-addr:value = '10.0.0.1']", 'names no identifier'],
    [
      "[x-vigil-identifier:kind = 'okta' AND x-vigil-identifier:value = 'kim']",
      'unknown identifier kind',
    ],
    [
      "[x-vigil-identifier:kind = 'email' AND x-vigil-identifier:hashes.'SHA-256' = 'abc']",
      'not a SHA-256',
    ],
    ["[email-addr:value = 'not an email']", 'not an email'],
    ['', 'expected [ or ('],
  ])('refuses %s', (pattern, message) => {
    const parsed = parsePattern(pattern);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = parsePattern(s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });

  it('round-trips any quoted value', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4, maxLength: 60 }).filter((s) => s.trim().length >= 8),
        (s) => {
          const r = parsePattern(
            `[x-vigil-identifier:kind = 'device' AND x-vigil-identifier:value = ${quote(s)}]`,
          );
          if (r.ok) expect(r.identifiers[0]!.kind).toBe('device');
        },
      ),
    );
  });
});
