import { and, eq, isNull } from 'drizzle-orm';
import QRCode from 'qrcode';
import { userRecoveryCodes, userTotp } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { checkTotp, newTotpSecret, totpUri } from '@/server/domain/mfa/totp';
import { getEnv } from '@/server/env';
import { hitRateLimit } from '@/server/services/auth/rate-limit';
import { UserFacingError } from '@/server/services/shared/errors';
import { openUserSecret, sealUserSecret } from '@/server/services/shared/secrets';
import { auditAccount } from './account-audit';
import { refuseRemovingLastRequiredFactor } from './policy-check';
import { recoveryCodesForFirstFactor } from './recovery-codes';
import { completeSession, hasSecondFactor, type AccountActor } from './session-state';

const PURPOSE = 'totp';
// Codes typed per user in five minutes, at enrolment and at sign-in alike.
export const CODE_ATTEMPTS = 10;
export const CODE_WINDOW_SECONDS = 300;

export async function throttleCodes(userId: string): Promise<void> {
  const limit = await hitRateLimit(`mfa:${userId}`, CODE_ATTEMPTS, CODE_WINDOW_SECONDS);
  if (!limit.allowed)
    throw new UserFacingError(
      'TOO_MANY_REQUESTS',
      `Too many codes tried. Wait ${Math.ceil(limit.retryAfterSeconds / 60)} minute(s) and try again.`,
    );
}

export const openTotpSecret = (userId: string, sealed: string) =>
  openUserSecret(userId, PURPOSE, sealed);

/**
 * Starts (or restarts) adding an authenticator app: a new secret, sealed at rest, unconfirmed
 * until the app's first code proves it holds it. The QR code is drawn here, never by a service
 * on the network, since it carries the secret.
 */
export async function startTotpEnrolment(
  actor: AccountActor,
): Promise<{ secret: string; uri: string; qrCode: string }> {
  const secret = newTotpSecret();
  const sealed = sealUserSecret(actor.userId, PURPOSE, secret);
  await withSystem(
    async (tx) => {
      const [current] = await tx
        .select({ confirmedAt: userTotp.confirmedAt })
        .from(userTotp)
        .where(eq(userTotp.userId, actor.userId))
        .for('update');
      if (current?.confirmedAt)
        throw new UserFacingError(
          'CONFLICT',
          'An authenticator app is already set up. Remove it first to set up another.',
        );
      await tx
        .insert(userTotp)
        .values({ userId: actor.userId, secretSealed: sealed })
        .onConflictDoUpdate({
          target: userTotp.userId,
          set: { secretSealed: sealed, createdAt: new Date(), lastUsedStep: null },
        });
    },
    { userId: actor.userId },
  );
  const uri = totpUri(secret, actor.email);
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    secret,
    uri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

/** The app's first code turns the secret on; a first factor comes with ten recovery codes. */
export async function confirmTotp(
  actor: AccountActor,
  { code }: { code: string },
  now: Date = new Date(),
): Promise<{ recoveryCodes: string[] | null }> {
  await throttleCodes(actor.userId);
  return withSystem(
    async (tx) => {
      const [row] = await tx
        .select()
        .from(userTotp)
        .where(and(eq(userTotp.userId, actor.userId), isNull(userTotp.confirmedAt)))
        .for('update');
      if (!row) throw new UserFacingError('PRECONDITION_FAILED', 'Start setting up the app again.');
      const check = checkTotp(
        openTotpSecret(actor.userId, row.secretSealed),
        code,
        Math.floor(now.getTime() / 1000),
        null,
      );
      if (!check.ok)
        throw new UserFacingError(
          'BAD_REQUEST',
          'That code does not match. Check the app shows Vigil and your clock is right, then try the next code.',
        );
      await tx
        .update(userTotp)
        .set({ confirmedAt: now, lastUsedStep: check.step })
        .where(eq(userTotp.userId, actor.userId));
      const recoveryCodes = await recoveryCodesForFirstFactor(tx, actor.userId);
      if (actor.mfaState === 'enrolment')
        await completeSession(tx, actor.sessionId, getEnv().SESSION_MAX_AGE_HOURS);
      await auditAccount(tx, actor, { action: 'mfa.totp_enrolled' }, actor);
      return { recoveryCodes };
    },
    { userId: actor.userId },
  );
}

export async function removeTotp(actor: AccountActor): Promise<void> {
  await withSystem(
    async (tx) => {
      const removed = await tx
        .delete(userTotp)
        .where(eq(userTotp.userId, actor.userId))
        .returning({ confirmedAt: userTotp.confirmedAt });
      if (!removed[0]?.confirmedAt)
        throw new UserFacingError('NOT_FOUND', 'No authenticator app is set up.');
      await refuseRemovingLastRequiredFactor(tx, actor.userId);
      // Recovery codes stand in for a factor; with none left they would be a factor of their own.
      if (!(await hasSecondFactor(tx, actor.userId)))
        await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, actor.userId));
      await auditAccount(tx, actor, { action: 'mfa.totp_removed' }, actor);
    },
    { userId: actor.userId },
  );
}
