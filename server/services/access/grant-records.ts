import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accessGrants } from '@/db/schema';
import { auditMemberChange } from '@/server/services/audit/log';
import type { OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

/** Audits a change to an access request or grant. */
export async function auditGrant(
  tx: Tx,
  actor: OrgActor,
  action: string,
  grantId: string,
  before: unknown,
  after: unknown,
) {
  await auditMemberChange(tx, actor, {
    action,
    entityType: 'access_grant',
    entityId: grantId,
    before,
    after,
  });
}

/** Locks a request or grant for a change. */
export async function lockGrant(tx: Tx, orgId: string, grantId: string) {
  const [grant] = await tx
    .select()
    .from(accessGrants)
    .where(and(eq(accessGrants.orgId, orgId), eq(accessGrants.id, grantId)))
    .for('update');
  if (!grant) throw new UserFacingError('NOT_FOUND', 'No such access request.');
  return grant;
}
