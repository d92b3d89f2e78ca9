import { describe, expect, it } from 'vitest';
import { policyRequiresMfa, readMfaPolicy, sessionStateAtSignIn } from './policy';

describe('MFA policy', () => {
  it('requires admins only under "admins", everyone under "all"', () => {
    expect(policyRequiresMfa('none', 'admin')).toBe(false);
    expect(policyRequiresMfa('admins', 'admin')).toBe(true);
    expect(policyRequiresMfa('admins', 'compliance')).toBe(false);
    expect(policyRequiresMfa('all', 'auditor')).toBe(true);
  });

  it('reads unknown stored values as "none"', () => {
    expect(readMfaPolicy('all')).toBe('all');
    expect(readMfaPolicy('everyone')).toBe('none');
    expect(readMfaPolicy(null)).toBe('none');
  });
});

describe('the session state a sign-in starts in', () => {
  const required = [{ role: 'manager' as const, policy: 'all' as const }];
  const optional = [{ role: 'manager' as const, policy: 'admins' as const }];

  it('asks an enrolled user for the second factor, whatever the policy', () => {
    expect(
      sessionStateAtSignIn({ method: 'password', hasSecondFactor: true, memberships: optional }),
    ).toBe('second_factor');
  });

  it('sends a user who must but has not enrolled to enrolment', () => {
    expect(
      sessionStateAtSignIn({ method: 'password', hasSecondFactor: false, memberships: required }),
    ).toBe('enrolment');
    // One organization requiring it is enough: switching organizations must not evade it.
    expect(
      sessionStateAtSignIn({
        method: 'password',
        hasSecondFactor: false,
        memberships: [...optional, ...required],
      }),
    ).toBe('enrolment');
  });

  it('lets a user through when nothing is enrolled and nothing is required', () => {
    expect(
      sessionStateAtSignIn({ method: 'password', hasSecondFactor: false, memberships: optional }),
    ).toBe('complete');
  });

  it('leaves SSO sign-ins to the identity provider', () => {
    expect(
      sessionStateAtSignIn({ method: 'sso', hasSecondFactor: true, memberships: required }),
    ).toBe('complete');
  });
});
