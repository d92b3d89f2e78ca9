import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { and, asc, eq } from 'drizzle-orm';
import { userPasskeys, userRecoveryCodes } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import type { RegisterPasskeyInput, RemovePasskeyInput } from '@/server/domain/mfa/inputs';
import { relyingPartyOf } from '@/server/domain/mfa/relying-party';
import { getEnv } from '@/server/env';
import { UserFacingError } from '@/server/services/shared/errors';
import { auditAccount } from './account-audit';
import { refuseRemovingLastRequiredFactor } from './policy-check';
import { recoveryCodesForFirstFactor } from './recovery-codes';
import {
  completeSession,
  hasSecondFactor,
  storeChallenge,
  takeChallenge,
  type AccountActor,
} from './session-state';

export function relyingParty(): { rpID: string; origin: string } {
  const rp = relyingPartyOf(getEnv().NEXTAUTH_URL);
  if (!rp)
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      'Passkeys need the address Vigil is served at: an operator sets NEXTAUTH_URL.',
    );
  return rp;
}

export async function listPasskeys(userId: string) {
  return withSystem(
    (tx) =>
      tx
        .select({
          id: userPasskeys.id,
          name: userPasskeys.name,
          credentialId: userPasskeys.credentialId,
          transports: userPasskeys.transports,
          createdAt: userPasskeys.createdAt,
          lastUsedAt: userPasskeys.lastUsedAt,
        })
        .from(userPasskeys)
        .where(eq(userPasskeys.userId, userId))
        .orderBy(asc(userPasskeys.createdAt)),
    { userId },
  );
}

export async function passkeyRegistrationOptions(
  actor: AccountActor,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID } = relyingParty();
  const existing = await listPasskeys(actor.userId);
  const options = await generateRegistrationOptions({
    rpName: 'Vigil',
    rpID,
    userName: actor.email,
    userDisplayName: actor.name,
    userID: new TextEncoder().encode(actor.userId),
    attestationType: 'none',
    // The same authenticator twice would be one factor counted twice.
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await storeChallenge(actor.sessionId, options.challenge);
  return options;
}

export async function registerPasskey(
  actor: AccountActor,
  { name, response }: RegisterPasskeyInput,
): Promise<{ recoveryCodes: string[] | null }> {
  const { rpID, origin } = relyingParty();
  return withSystem(
    async (tx) => {
      const challenge = await takeChallenge(tx, actor.sessionId);
      if (!challenge)
        throw new UserFacingError('BAD_REQUEST', 'The passkey request expired. Start again.');
      const verified = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: false,
      }).catch(() => null);
      if (!verified?.verified)
        throw new UserFacingError('BAD_REQUEST', 'The passkey could not be verified. Try again.');
      const { credential } = verified.registrationInfo;
      const [taken] = await tx
        .select({ id: userPasskeys.id })
        .from(userPasskeys)
        .where(eq(userPasskeys.credentialId, credential.id));
      if (taken) throw new UserFacingError('CONFLICT', 'This passkey is already registered.');
      const [row] = await tx
        .insert(userPasskeys)
        .values({
          userId: actor.userId,
          name,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: credential.transports ?? [],
        })
        .returning({ id: userPasskeys.id });
      const recoveryCodes = await recoveryCodesForFirstFactor(tx, actor.userId);
      if (actor.mfaState === 'enrolment')
        await completeSession(tx, actor.sessionId, getEnv().SESSION_MAX_AGE_HOURS);
      await auditAccount(
        tx,
        actor,
        { action: 'mfa.passkey_added', after: { passkeyId: row?.id, name } },
        actor,
      );
      return { recoveryCodes };
    },
    { userId: actor.userId },
  );
}

export async function removePasskey(
  actor: AccountActor,
  { passkeyId }: RemovePasskeyInput,
): Promise<void> {
  await withSystem(
    async (tx) => {
      const [removed] = await tx
        .delete(userPasskeys)
        .where(and(eq(userPasskeys.id, passkeyId), eq(userPasskeys.userId, actor.userId)))
        .returning({ name: userPasskeys.name });
      if (!removed) throw new UserFacingError('NOT_FOUND', 'No such passkey on your account.');
      await refuseRemovingLastRequiredFactor(tx, actor.userId);
      if (!(await hasSecondFactor(tx, actor.userId)))
        await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, actor.userId));
      await auditAccount(
        tx,
        actor,
        { action: 'mfa.passkey_removed', after: { passkeyId, name: removed.name } },
        actor,
      );
    },
    { userId: actor.userId },
  );
}
