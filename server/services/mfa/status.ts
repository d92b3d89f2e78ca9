import { and, eq, isNull, sql } from 'drizzle-orm';
import { userRecoveryCodes, userTotp } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { policyRequiresMfa, type AccountSecurity } from '@/server/domain/mfa/policy';
import { listPasskeys } from './passkeys';
import { policiesOf, type AccountActor } from './session-state';

/** The user's own second factors, as the security page and the sign-in step show them. */
export async function accountSecurity(actor: AccountActor): Promise<AccountSecurity> {
  const passkeys = await listPasskeys(actor.userId);
  return withSystem(
    async (tx) => {
      const [totp] = await tx
        .select({ confirmedAt: userTotp.confirmedAt })
        .from(userTotp)
        .where(eq(userTotp.userId, actor.userId));
      const [codes] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(userRecoveryCodes)
        .where(and(eq(userRecoveryCodes.userId, actor.userId), isNull(userRecoveryCodes.usedAt)));
      const policies = await policiesOf(tx, actor.userId);
      return {
        email: actor.email,
        mfaState: actor.mfaState,
        totp: !totp ? 'none' : totp.confirmedAt ? 'enrolled' : 'pending',
        passkeys: passkeys.map(({ id, name, createdAt, lastUsedAt }) => ({
          id,
          name,
          createdAt,
          lastUsedAt,
        })),
        recoveryCodesLeft: codes?.n ?? 0,
        required: policies.some((m) => policyRequiresMfa(m.policy, m.role)),
      };
    },
    { userId: actor.userId },
  );
}
