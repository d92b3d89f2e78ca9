import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accessReviewCampaigns, accessReviewItems } from '@/db/schema';
import { appLink, recordOutboundEvent } from '@/server/services/outbound/events';

/**
 * `review.decided` for one batch of access-review decisions: one event per campaign, naming each
 * decided item (docs/INTEGRATIONS.md §Events).
 */
export async function recordReviewDecisionEvents(
  tx: Tx,
  orgId: string,
  itemIds: readonly string[],
  decision: string,
  comment: string | null,
  by: string,
): Promise<void> {
  if (itemIds.length === 0) return;
  const rows = await tx
    .select({
      campaignId: accessReviewItems.campaignId,
      campaignName: accessReviewCampaigns.name,
      person: accessReviewItems.personName,
      system: accessReviewItems.systemName,
      privilege: accessReviewItems.privilegeName,
    })
    .from(accessReviewItems)
    .innerJoin(
      accessReviewCampaigns,
      and(
        eq(accessReviewCampaigns.orgId, accessReviewItems.orgId),
        eq(accessReviewCampaigns.id, accessReviewItems.campaignId),
      ),
    )
    .where(and(eq(accessReviewItems.orgId, orgId), inArray(accessReviewItems.id, [...itemIds])));
  const byCampaign = new Map<string, { name: string; subjects: string[] }>();
  for (const r of rows) {
    const c = byCampaign.get(r.campaignId) ?? { name: r.campaignName, subjects: [] };
    c.subjects.push(`${r.person} · ${r.system} · ${r.privilege}`);
    byCampaign.set(r.campaignId, c);
  }
  for (const [campaignId, c] of byCampaign)
    await recordOutboundEvent(
      tx,
      orgId,
      'review.decided',
      { type: 'access_review', id: campaignId },
      {
        review: {
          type: 'access_review',
          id: campaignId,
          name: c.name,
          url: appLink(`/reviews/campaigns/${campaignId}`),
        },
        decisions: c.subjects.map((subject) => ({ subject, decision, comment })),
        by,
      },
    );
}
