import { describe, expect, it } from 'vitest';
import {
  passwordRefusedBySso,
  signInMessage,
  ssoPolicyRefusal,
  ssoPolicySchema,
  ssoRefusalCode,
} from './sso';

const ADMIN = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const activeAdmin = { userId: ADMIN, role: 'admin', status: 'active' };

describe('require-SSO policy', () => {
  it('accepts requiring SSO with an active admin named for break-glass when SSO is configured', () => {
    expect(
      ssoPolicyRefusal(
        { required: true, breakGlassUserId: ADMIN },
        { ssoConfigured: true, breakGlass: activeAdmin },
      ),
    ).toBeNull();
  });

  it('refuses requiring SSO without a break-glass admin, or when no SSO is configured', () => {
    expect(
      ssoPolicyRefusal(
        { required: true, breakGlassUserId: null },
        { ssoConfigured: true, breakGlass: null },
      ),
    ).toMatch(/break-glass admin/);
    expect(
      ssoPolicyRefusal(
        { required: true, breakGlassUserId: ADMIN },
        { ssoConfigured: false, breakGlass: activeAdmin },
      ),
    ).toMatch(/not configured/);
  });

  it('refuses a break-glass member who is not an active admin of the organization', () => {
    const policy = { required: false, breakGlassUserId: OTHER };
    expect(ssoPolicyRefusal(policy, { ssoConfigured: true, breakGlass: null })).toMatch(
      /member of this organization/,
    );
    for (const breakGlass of [
      { userId: OTHER, role: 'compliance', status: 'active' },
      { userId: OTHER, role: 'admin', status: 'disabled' },
    ])
      expect(ssoPolicyRefusal(policy, { ssoConfigured: true, breakGlass })).toMatch(/active admin/);
  });

  it('turning the requirement off needs nothing else', () => {
    expect(
      ssoPolicyRefusal(
        { required: false, breakGlassUserId: null },
        { ssoConfigured: false, breakGlass: null },
      ),
    ).toBeNull();
  });

  it('parses only a uuid or null as the break-glass member', () => {
    expect(ssoPolicySchema.safeParse({ required: true, breakGlassUserId: 'x' }).success).toBe(
      false,
    );
    expect(ssoPolicySchema.parse({ required: false, breakGlassUserId: null })).toEqual({
      required: false,
      breakGlassUserId: null,
    });
  });
});

describe('password sign-in under require-SSO', () => {
  it('is refused when any organization requires SSO of the user, except its break-glass admin', () => {
    expect(passwordRefusedBySso(ADMIN, [])).toBe(false);
    expect(passwordRefusedBySso(ADMIN, [{ ssoRequired: false, breakGlassUserId: null }])).toBe(
      false,
    );
    expect(passwordRefusedBySso(ADMIN, [{ ssoRequired: true, breakGlassUserId: ADMIN }])).toBe(
      false,
    );
    expect(passwordRefusedBySso(OTHER, [{ ssoRequired: true, breakGlassUserId: ADMIN }])).toBe(
      true,
    );
    expect(
      passwordRefusedBySso(ADMIN, [
        { ssoRequired: true, breakGlassUserId: ADMIN },
        { ssoRequired: true, breakGlassUserId: OTHER },
      ]),
    ).toBe(true);
  });
});

describe('sign-in messages', () => {
  it('maps every refusal code to text and unknown codes to a generic line', () => {
    expect(signInMessage(undefined)).toBeUndefined();
    expect(signInMessage(ssoRefusalCode('invalid'))).toMatch(/no Vigil account/);
    expect(signInMessage(ssoRefusalCode('no_membership'))).toMatch(/not an active member/);
    expect(signInMessage(ssoRefusalCode('sso_required'))).toMatch(/requires single sign-on/);
    expect(signInMessage('SsoEmailUnverified')).toMatch(/not verified your email/);
    expect(signInMessage('toString')).toBe('Sign-in failed. Try again.');
    expect(signInMessage('<script>')).toBe('Sign-in failed. Try again.');
  });
});
