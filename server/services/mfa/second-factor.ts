import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { userPasskeys, userRecoveryCodes, userTotp } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import type { PasskeySignInInput, SecondFactorCodeInput } from '@/server/domain/mfa/inputs';
import { isTotpCode } from '@/server/domain/mfa/recovery-codes';
import { checkTotp } from '@/server/domain/mfa/totp';
import { getEnv } from '@/server/env';
import { UserFacingError } from '@/server/services/shared/errors';
import { auditAccount } from './account-audit';
import { listPasskeys, relyingParty } from './passkeys';
import { useRecoveryCode } from './recovery-codes';
import { completeSession, storeChallenge, takeChallenge, type AccountActor } from './session-state';
import { openTotpSecret, throttleCodes } from './totp';

type Method = 'totp' | 'recovery_code' | 'passkey';
type Outcome = { ok: true } | { ok: false; reason: string; message: string };

const WRONG_CODE = 'That code is not right. Try the next code from your app, or a recovery code.';

/** Completes the session and records the use, or records the failure; both commit. */
async function settle(
  tx: Tx,
  actor: AccountActor,
  method: Method,
  outcome: Outcome,
  extra: Record<string, unknown> = {},
): Promise<Outcome> {
  if (outcome.ok) {
    await completeSession(tx, actor.sessionId, getEnv().SESSION_MAX_AGE_HOURS);
    await auditAccount(
      tx,
      actor,
      { action: 'auth.mfa_verified', after: { method, ...extra } },
      actor,
    );
  } else {
    await auditAccount(
      tx,
      actor,
      { action: 'auth.mfa_failed', after: { method, reason: outcome.reason, ...extra } },
      actor,
    );
  }
  return outcome;
}

function orRefuse(outcome: Outcome): void {
  if (!outcome.ok) throw new UserFacingError('BAD_REQUEST', outcome.message);
}

/** The second sign-in step with an authenticator code or a recovery code. */
export async function verifySecondFactorCode(
  actor: AccountActor,
  { code }: SecondFactorCodeInput,
  now: Date = new Date(),
): Promise<void> {
  await throttleCodes(actor.userId);
  const outcome = await withSystem(
    async (tx) => {
      if (isTotpCode(code)) {
        const [row] = await tx
          .select()
          .from(userTotp)
          .where(and(eq(userTotp.userId, actor.userId), isNotNull(userTotp.confirmedAt)))
          .for('update');
        if (!row)
          return settle(tx, actor, 'totp', {
            ok: false,
            reason: 'not_enrolled',
            message: 'No authenticator app is set up. Use a passkey or a recovery code.',
          });
        const check = checkTotp(
          openTotpSecret(actor.userId, row.secretSealed),
          code,
          Math.floor(now.getTime() / 1000),
          row.lastUsedStep,
        );
        if (!check.ok)
          return settle(tx, actor, 'totp', {
            ok: false,
            reason: check.reason,
            message:
              check.reason === 'replayed'
                ? 'That code was already used. Wait for the next one.'
                : WRONG_CODE,
          });
        await tx
          .update(userTotp)
          .set({ lastUsedStep: check.step })
          .where(eq(userTotp.userId, actor.userId));
        return settle(tx, actor, 'totp', { ok: true });
      }
      if (!(await useRecoveryCode(tx, actor.userId, code)))
        return settle(tx, actor, 'recovery_code', {
          ok: false,
          reason: 'invalid',
          message: WRONG_CODE,
        });
      const [left] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(userRecoveryCodes)
        .where(and(eq(userRecoveryCodes.userId, actor.userId), isNull(userRecoveryCodes.usedAt)));
      await auditAccount(
        tx,
        actor,
        { action: 'mfa.recovery_code_used', after: { remaining: left?.n ?? 0 } },
        actor,
      );
      return settle(tx, actor, 'recovery_code', { ok: true });
    },
    { userId: actor.userId },
  );
  orRefuse(outcome);
}

/** Options for signing in with one of the user's passkeys. */
export async function passkeySignInOptions(
  actor: AccountActor,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { rpID } = relyingParty();
  const passkeys = await listPasskeys(actor.userId);
  if (passkeys.length === 0)
    throw new UserFacingError('PRECONDITION_FAILED', 'No passkey is registered on this account.');
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    userVerification: 'preferred',
  });
  await storeChallenge(actor.sessionId, options.challenge);
  return options;
}

/** The second sign-in step with a passkey: signature, challenge, origin and counter checked. */
export async function verifyPasskeySignIn(
  actor: AccountActor,
  { response }: PasskeySignInInput,
): Promise<void> {
  await throttleCodes(actor.userId);
  const { rpID, origin } = relyingParty();
  const outcome = await withSystem(
    async (tx) => {
      const challenge = await takeChallenge(tx, actor.sessionId);
      const [passkey] = await tx
        .select()
        .from(userPasskeys)
        .where(
          and(eq(userPasskeys.userId, actor.userId), eq(userPasskeys.credentialId, response.id)),
        )
        .for('update');
      const refused = (reason: string) =>
        settle(tx, actor, 'passkey', {
          ok: false,
          reason,
          message: 'That passkey could not be verified. Try again or use a code.',
        });
      if (!challenge) return refused('no_challenge');
      if (!passkey) return refused('unknown_passkey');
      const verified = await verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: passkey.counter,
          transports: passkey.transports as AuthenticatorTransport[],
        },
        requireUserVerification: false,
      }).catch(() => null);
      if (!verified?.verified) return refused('invalid');
      await tx
        .update(userPasskeys)
        .set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: new Date() })
        .where(eq(userPasskeys.id, passkey.id));
      return settle(
        tx,
        actor,
        'passkey',
        { ok: true },
        { passkeyId: passkey.id, name: passkey.name },
      );
    },
    { userId: actor.userId },
  );
  orRefuse(outcome);
}
