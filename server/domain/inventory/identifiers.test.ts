import { describe, expect, it } from 'vitest';
import { normalizeIdentifier, parseIdentifierList } from './identifiers';

describe('normalizeIdentifier', () => {
  it.each([
    ['email', '  Ada.Lovelace@Example.COM ', undefined, 'ada.lovelace@example.com'],
    ['phone', '+44 20 7946 0958', undefined, '+442079460958'],
    ['phone', '020 7946 0958', 'GB', '+442079460958'],
    ['phone', '(415) 555-2671', 'US', '+14155552671'],
    ['github', '@OctoCat', undefined, 'octocat'],
    ['github', 'https://github.com/OctoCat/', undefined, 'octocat'],
    ['github', 'OctoCat_Acme', undefined, 'octocat_acme'],
    ['linkedin', 'https://www.linkedin.com/in/Jane-Doe-123/', undefined, 'jane-doe-123'],
    ['telegram', 'https://t.me/Crypto_Recruiter', undefined, 'crypto_recruiter'],
    ['telegram', '@crypto_recruiter', undefined, 'crypto_recruiter'],
    [
      'wallet',
      '0x52908400098527886E0F7030069857D2E4169EE7',
      undefined,
      '0x52908400098527886e0f7030069857d2e4169ee7',
    ],
    [
      'wallet',
      'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ',
      undefined,
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    ],
    [
      'wallet',
      '1BoatSLRHtKNngkdXEeobR76b53LETtpyT',
      undefined,
      '1BoatSLRHtKNngkdXEeobR76b53LETtpyT',
    ],
    ['aws', 'arn:aws:iam::123456789012:user/x', undefined, 'arn:aws:iam::123456789012:user/x'],
  ] as const)('%s %j → %j', (kind, raw, country, expected) => {
    expect(normalizeIdentifier(kind, raw, country)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['email', 'not-an-email'],
    ['phone', '12'],
    ['phone', '555-2671'],
    ['github', 'has spaces'],
    ['github', 'octo__cat'],
    ['telegram', '@ab'],
    ['wallet', '0x123'],
    ['aws', 'has space'],
    ['email', ''],
  ] as const)('rejects %s %j with a reason', (kind, raw) => {
    const result = normalizeIdentifier(kind, raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(5);
  });
});

describe('parseIdentifierList', () => {
  it('splits on ; and only the first colon, collecting errors per item', () => {
    expect(
      parseIdentifierList(
        'okta:00u1abc; github:@OctoCat;aws:arn:aws:iam::1:user/x;fax:123;nonsense',
      ),
    ).toEqual({
      identifiers: [
        { kind: 'okta', value: '00u1abc', raw: '00u1abc' },
        { kind: 'github', value: 'octocat', raw: '@OctoCat' },
        { kind: 'aws', value: 'arn:aws:iam::1:user/x', raw: 'arn:aws:iam::1:user/x' },
      ],
      errors: [
        expect.stringMatching(/unknown identifier kind "fax"/),
        expect.stringMatching(/kind:value/),
      ],
    });
  });
});
