import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { userRecoveryCodes } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { hashRecoveryCode, newRecoveryCodes } from '@/server/domain/mfa/recovery-codes';
import { UserFacingError } from '@/server/services/shared/errors';
import { auditAccount } from './account-audit';
import { hasSecondFactor, type AccountActor } from './session-state';

/** Replaces the user's recovery codes with ten new ones and returns them (shown once). */
export async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await tx
    .insert(userRecoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

/** New codes for a first factor, unless the user still holds codes from an earlier one. */
export async function recoveryCodesForFirstFactor(
  tx: Tx,
  userId: string,
): Promise<string[] | null> {
  const [left] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  return (left?.n ?? 0) > 0 ? null : issueRecoveryCodes(tx, userId);
}

export async function regenerateRecoveryCodes(actor: AccountActor): Promise<{ codes: string[] }> {
  return withSystem(
    async (tx) => {
      if (!(await hasSecondFactor(tx, actor.userId)))
        throw new UserFacingError(
          'PRECONDITION_FAILED',
          'Set up an authenticator app or a passkey first; recovery codes stand in for one.',
        );
      const codes = await issueRecoveryCodes(tx, actor.userId);
      await auditAccount(tx, actor, { action: 'mfa.recovery_codes_regenerated' }, actor);
      return { codes };
    },
    { userId: actor.userId },
  );
}

/** Marks a matching unused code used, in the caller's transaction; false when none matches. */
export async function useRecoveryCode(tx: Tx, userId: string, code: string): Promise<boolean> {
  const used = await tx
    .update(userRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(userRecoveryCodes.userId, userId),
        eq(userRecoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(userRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: userRecoveryCodes.id });
  return used.length > 0;
}
