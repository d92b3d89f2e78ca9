import { z } from 'zod';
import { MFA_POLICIES } from './policy';

/** The first code from a newly added authenticator app. */
export const confirmTotpSchema = z.object({
  code: z
    .string()
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the six-digit code your app shows')),
});
export type ConfirmTotpInput = z.output<typeof confirmTotpSchema>;

/** The second sign-in step: an authenticator code or a recovery code. */
export const secondFactorCodeSchema = z.object({
  code: z.string().trim().min(6, 'Enter the code').max(40, 'That code is too long'),
});
export type SecondFactorCodeInput = z.output<typeof secondFactorCodeSchema>;

const base64url = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9_-]*$/, 'Not base64url');

// The browser's WebAuthn answers as @simplewebauthn/browser serialises them; the library checks
// the signed content, this only bounds the shape before it gets there.
const clientExtensions = z
  .custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'Not an object')
  .default({});

export const registrationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: clientExtensions,
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: z
      .string()
      .max(65_536)
      .regex(/^[A-Za-z0-9_-]*$/),
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
});

export const authenticationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: clientExtensions,
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
});

export const registerPasskeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the passkey (e.g. "Work laptop")')
    .max(60, 'Name is too long'),
  response: registrationResponseSchema,
});
export type RegisterPasskeyInput = z.output<typeof registerPasskeySchema>;

export const passkeySignInSchema = z.object({ response: authenticationResponseSchema });
export type PasskeySignInInput = z.output<typeof passkeySignInSchema>;

export const removePasskeySchema = z.object({ passkeyId: z.uuid() });
export type RemovePasskeyInput = z.output<typeof removePasskeySchema>;

export const setMfaPolicySchema = z.object({ policy: z.enum(MFA_POLICIES) });
export type SetMfaPolicyInput = z.output<typeof setMfaPolicySchema>;

export const resetMemberMfaSchema = z.object({ userId: z.uuid() });
export type ResetMemberMfaInput = z.output<typeof resetMemberMfaSchema>;
