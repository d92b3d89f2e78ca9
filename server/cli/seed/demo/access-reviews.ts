import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { setTenant, withTenant } from '@/db/tenant';
import {
  campaignPageSchema,
  createCampaignSchema,
  decideItemsSchema,
} from '@/server/domain/access-reviews/inputs';
import { accessRequestOptions } from '@/server/services/access/grant-queries';
import { createCampaign, launchCampaign } from '@/server/services/access-reviews/campaign-commands';
import { getCampaign } from '@/server/services/access-reviews/campaign-queries';
import { decideReviewItems } from '@/server/services/access-reviews/item-decisions';
import { verifyReviewRemediations } from '@/server/services/access-reviews/jobs';
import type { OrgActor } from '@/server/services/shared/actor';
import { daysFromToday, demoActor } from './shared';

/**
 * Last quarter's review of the support console, completed: everything kept except Maria's
 * reset_2fa, revoked by her manager. Its dates are moved back a quarter so it reads as history.
 */
export async function seedLastQuarterReview(admin: OrgActor, userIds: Record<string, string>) {
  const compliance = demoActor(admin, userIds, 'compliance@acme.test', 'compliance');
  const manager = demoActor(admin, userIds, 'manager@acme.test', 'manager');
  const options = await accessRequestOptions(admin);
  const console_ = options.privileges.find((p) => p.systemName === 'Customer Admin Console')!;
  const { id } = await createCampaign(
    compliance,
    createCampaignSchema.parse({
      name: 'Support console review, last quarter',
      scope: { systemIds: [console_.systemId] },
      dueDate: daysFromToday(14),
    }),
  );
  await launchCampaign(compliance, { campaignId: id });
  const items = (await getCampaign(compliance, campaignPageSchema.parse({ campaignId: id }))).items;
  const reset = items.filter((i) => i.privilege === 'reset_2fa');
  await decideReviewItems(
    manager,
    decideItemsSchema.parse({
      itemIds: reset.map((i) => i.id),
      decision: 'revoke',
      rationale: 'Team leads no longer reset 2FA; account recovery goes to Security.',
    }),
  );
  const rest = items.filter((i) => i.privilege !== 'reset_2fa');
  await decideReviewItems(
    manager,
    decideItemsSchema.parse({
      itemIds: rest.filter((i) => i.reviewer?.id === manager.userId).map((i) => i.id),
      decision: 'keep',
      rationale: 'Still needed for tier-1 support.',
    }),
  );
  const others = rest.filter((i) => i.reviewer?.id !== manager.userId).map((i) => i.id);
  if (others.length > 0)
    await decideReviewItems(
      compliance,
      decideItemsSchema.parse({
        itemIds: others,
        decision: 'keep',
        rationale: 'Still needed for KYC review.',
      }),
    );
  await verifyReviewRemediations(admin.orgId);
  await withTenant({ orgId: admin.orgId, userId: admin.userId }, async (tx) => {
    await tx.execute(sql`update access_review_campaigns set
        created_at = created_at - interval '100 days', launched_at = launched_at - interval '100 days',
        completed_at = completed_at - interval '88 days', due_date = due_date - 100,
        updated_at = now()
      where org_id = ${admin.orgId} and id = ${id}`);
    await tx.execute(sql`update access_review_items set
        decided_at = decided_at - interval '88 days',
        remediation_executed_at = remediation_executed_at - interval '88 days',
        remediation_verified_at = remediation_verified_at - interval '88 days'
      where org_id = ${admin.orgId} and campaign_id = ${id}`);
    // Its assignment mail went out a quarter ago too: move it back so the outbox reads in order.
    await tx.execute(sql`update outbox_messages set created_at = created_at - interval '100 days',
        subject = replace(subject, ${daysFromToday(14)}, to_char(current_date + 14 - 100, 'YYYY-MM-DD'))
      where org_id = ${admin.orgId} and related_type = 'access_review_campaign'
        and related_id = ${id}`);
  });
  // The decision history is append-only for vigil_app and vigil_system alike, so its dates move
  // as the connection's own role: the owner on PGlite and in development. A least-privilege
  // login is refused here by design (docs/SECURITY.md §Database roles): seed with the owner's URL.
  await (
    await getDb()
  ).transaction(async (tx) => {
    await setTenant(tx, admin.orgId);
    await tx.execute(sql`update access_review_decisions set decided_at = decided_at - interval '88 days'
        where org_id = ${admin.orgId} and campaign_id = ${id}`);
  });
}

/** This quarter's review, running: the demo manager certifies his reports and his console. */
export async function seedCurrentReview(admin: OrgActor, userIds: Record<string, string>) {
  const compliance = demoActor(admin, userIds, 'compliance@acme.test', 'compliance');
  const options = await accessRequestOptions(admin);
  const console_ = options.privileges.find((p) => p.systemName === 'Customer Admin Console')!;
  const { id } = await createCampaign(
    compliance,
    createCampaignSchema.parse({
      name: 'Support console review, this quarter',
      scope: { systemIds: [console_.systemId] },
      dueDate: daysFromToday(5),
    }),
  );
  await launchCampaign(compliance, { campaignId: id });
}
