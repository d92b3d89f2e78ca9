import type { Tx } from '@/db/client';
import { canAccess, CAMPAIGN_RUNNERS } from '@/server/domain/tenancy/roles';
import { auditMemberChange } from '@/server/services/audit/log';
import type { OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

export async function auditCampaign(
  tx: Tx,
  actor: OrgActor,
  action: string,
  entityId: string,
  before: unknown,
  after: unknown,
  entityType = 'access_review_campaign',
) {
  await auditMemberChange(tx, actor, {
    action,
    entityType,
    entityId,
    before,
    after,
  });
}

export function refuseUnlessRunner(actor: OrgActor) {
  if (!canAccess(actor.role, CAMPAIGN_RUNNERS))
    throw new UserFacingError('FORBIDDEN', 'Compliance officers and admins run access reviews.');
}
