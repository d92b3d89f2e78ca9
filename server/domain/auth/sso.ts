import { z } from 'zod';

/** How a session was opened; SSO sessions follow the identity provider's own second factor. */
export type SignInMethod = 'password' | 'oidc' | 'saml';

/** The organization's require-SSO setting as an admin sends it (docs/SECURITY.md §Require SSO). */
export const ssoPolicySchema = z.object({
  required: z.boolean(),
  breakGlassUserId: z.uuid('Choose a break-glass admin').nullable(),
});
export type SsoPolicyInput = z.output<typeof ssoPolicySchema>;

export interface BreakGlassCandidate {
  userId: string;
  role: string;
  status: string;
}

/**
 * Why a require-SSO setting may not be saved, or null. Requiring SSO without a break-glass admin
 * would lock everyone out the day the identity provider is down.
 */
export function ssoPolicyRefusal(
  policy: SsoPolicyInput,
  ctx: { ssoConfigured: boolean; breakGlass: BreakGlassCandidate | null },
): string | null {
  if (policy.breakGlassUserId && !ctx.breakGlass)
    return 'The break-glass admin must be a member of this organization.';
  if (ctx.breakGlass && (ctx.breakGlass.role !== 'admin' || ctx.breakGlass.status !== 'active'))
    return 'The break-glass admin must be an active admin of this organization.';
  if (!policy.required) return null;
  if (!ctx.ssoConfigured)
    return 'Single sign-on is not configured on this server (OIDC_* or SAML_* settings), so it cannot be required.';
  if (!policy.breakGlassUserId)
    return 'Name a break-glass admin who may still sign in with a password when the identity provider is down.';
  return null;
}

/** Password sign-in is refused when any organization of the user requires SSO of them. */
export function passwordRefusedBySso(
  userId: string,
  orgs: readonly { ssoRequired: boolean; breakGlassUserId: string | null }[],
): boolean {
  return orgs.some((o) => o.ssoRequired && o.breakGlassUserId !== userId);
}

/**
 * Sign-in error codes the sign-in page turns into text (next-auth passes them as `?error=`).
 * One home so the callbacks, the SAML route and the page agree.
 */
export const SIGN_IN_MESSAGES = {
  SessionExpired: 'Your session has ended. Sign in again.',
  CredentialsSignin: 'Email or password is incorrect, or the account is temporarily locked.',
  SsoRequired:
    'Your organization requires single sign-on. Use the single sign-on button below instead of a password.',
  SsoEmailUnverified:
    'Your identity provider has not verified your email address, so it cannot be used to sign in here. Verify it with your identity provider, then try again.',
  SsoUnknownAccount:
    'Your identity provider signed you in, but no Vigil account is set up for that email address. Ask your Vigil administrator to add you.',
  SsoNoMembership:
    'Your Vigil account is not an active member of any organization (it may have been disabled). Ask your Vigil administrator.',
  SsoInvalidResponse:
    'The single sign-on response could not be accepted (expired, replayed or not signed by your identity provider). Start again.',
  SsoTicketInvalid: 'That single sign-on link has expired or was already used. Start again.',
  AccessDenied: 'Single sign-on was refused. Ask your Vigil administrator.',
  OAuthCallback: 'The identity provider did not complete the sign-in. Start again.',
} as const;
export type SignInErrorCode = keyof typeof SIGN_IN_MESSAGES;

export function signInMessage(code: string | undefined): string | undefined {
  if (!code) return undefined;
  return Object.hasOwn(SIGN_IN_MESSAGES, code)
    ? SIGN_IN_MESSAGES[code as SignInErrorCode]
    : 'Sign-in failed. Try again.';
}

/** The refusal code for a failed SSO sign-in, by the service's reason. */
export function ssoRefusalCode(reason: string): SignInErrorCode {
  if (reason === 'no_membership') return 'SsoNoMembership';
  if (reason === 'sso_required') return 'SsoRequired';
  return 'SsoUnknownAccount';
}
