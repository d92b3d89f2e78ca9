import type { Role } from '../tenancy/roles';

// Who an organization requires to use a second factor (docs/SECURITY.md §Authentication).
export const MFA_POLICIES = ['none', 'admins', 'all'] as const;
export type MfaPolicy = (typeof MFA_POLICIES)[number];

export const MFA_POLICY_LABELS: Record<MfaPolicy, string> = {
  none: 'Nobody (members choose)',
  admins: 'Admins',
  all: 'All members',
};

export function readMfaPolicy(stored: unknown): MfaPolicy {
  return (MFA_POLICIES as readonly unknown[]).includes(stored) ? (stored as MfaPolicy) : 'none';
}

export function policyRequiresMfa(policy: MfaPolicy, role: Role): boolean {
  return policy === 'all' || (policy === 'admins' && role === 'admin');
}

/**
 * Where a new browser session starts. `complete` sessions may use the app; the two pending
 * states may only finish sign-in. SSO sign-ins follow the identity provider's own factors, so
 * neither enrolled factors nor the policy apply to them.
 */
export const SESSION_MFA_STATES = ['complete', 'second_factor', 'enrolment'] as const;
export type SessionMfaState = (typeof SESSION_MFA_STATES)[number];
export type SignInMethod = 'password' | 'sso';

export function sessionStateAtSignIn(input: {
  method: SignInMethod;
  hasSecondFactor: boolean;
  /** Roles the user holds in each organization where their membership is active, with its policy. */
  memberships: { role: Role; policy: MfaPolicy }[];
}): SessionMfaState {
  if (input.method === 'sso') return 'complete';
  if (input.hasSecondFactor) return 'second_factor';
  return input.memberships.some((m) => policyRequiresMfa(m.policy, m.role))
    ? 'enrolment'
    : 'complete';
}

/** The user's own second factors, as the security page and the sign-in step show them. */
export interface AccountSecurity {
  email: string;
  mfaState: SessionMfaState;
  totp: 'none' | 'pending' | 'enrolled';
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
  recoveryCodesLeft: number;
  /** An organization the user belongs to requires a second factor of them. */
  required: boolean;
}
