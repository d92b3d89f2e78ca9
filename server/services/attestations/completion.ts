import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { attestationCampaigns } from '@/db/schema';
import { completionPercent, type Completion } from '@/server/domain/attestations/campaign';
import { rowsOf } from '@/server/services/shared/sql-helpers';

interface CountRow {
  campaign_id: string;
  total: number;
  signed: number;
  declined: number;
  overdue: number;
  pending: number;
}

/** Counts per campaign; `overdue` includes pending requests past the due date. */
export async function completionByCampaign(
  tx: Tx,
  orgId: string,
  campaignId?: string,
): Promise<Map<string, Completion>> {
  const rows = rowsOf<CountRow>(
    await tx.execute(sql`
      select r.campaign_id, count(*)::int as total,
        count(*) filter (where r.status = 'signed')::int as signed,
        count(*) filter (where r.status = 'declined')::int as declined,
        count(*) filter (where r.status = 'overdue' or (r.status = 'pending' and c.due_at < now()))::int as overdue,
        count(*) filter (where r.status = 'pending' and c.due_at >= now())::int as pending
      from attestation_requests r
      join attestation_campaigns c on c.org_id = r.org_id and c.id = r.campaign_id
      where r.org_id = ${orgId} ${campaignId ? sql`and r.campaign_id = ${campaignId}` : sql``}
      group by r.campaign_id`),
  );
  return new Map(
    rows.map((r) => [
      r.campaign_id,
      {
        total: r.total,
        signed: r.signed,
        declined: r.declined,
        overdue: r.overdue,
        pending: r.pending,
      },
    ]),
  );
}

export const EMPTY_COMPLETION: Completion = {
  total: 0,
  signed: 0,
  declined: 0,
  overdue: 0,
  pending: 0,
};

/** The overview's attestation figure: completion across active campaigns, newest first. */
export async function attestationCompletion(tx: Tx, orgId: string) {
  const rows = await tx
    .select({
      id: attestationCampaigns.id,
      name: attestationCampaigns.name,
      dueAt: attestationCampaigns.dueAt,
    })
    .from(attestationCampaigns)
    .where(and(eq(attestationCampaigns.orgId, orgId), eq(attestationCampaigns.status, 'active')))
    .orderBy(desc(attestationCampaigns.launchedAt))
    .limit(5);
  const counts = await completionByCampaign(tx, orgId);
  const campaigns = rows.map((r) => {
    const c = counts.get(r.id) ?? EMPTY_COMPLETION;
    return { ...r, completion: c, percent: completionPercent(c) };
  });
  const total = campaigns.reduce(
    (a, c) => ({
      total: a.total + c.completion.total,
      signed: a.signed + c.completion.signed,
      overdue: a.overdue + c.completion.overdue,
    }),
    { total: 0, signed: 0, overdue: 0 },
  );
  return { campaigns, ...total, percent: completionPercent(total) };
}
