import { sql } from 'drizzle-orm';
import { withTenant } from '@/db/tenant';
import { REMINDER_DAYS_BEFORE_DUE } from '@/server/domain/access-reviews/campaign';
import { isoDay } from '@/server/domain/time';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import {
  appBaseUrl,
  queueMail,
  queueMailToRoles,
  requestMailDelivery,
} from '@/server/services/mail/outbox';
import { rowsOf } from '@/server/services/shared/sql-helpers';

const REVIEW_JOB: AuditActor = { type: 'system', id: null, label: 'access-review job' };

/**
 * Re-reads the live grant behind every executed revoke or modify not yet verified
 * (docs/PRODUCT.md §Access reviews): gone (or ended) → verified; shortened to the decided date →
 * verified; otherwise "still active", which the campaign page flags until it is gone. Idempotent:
 * verified items are never read again.
 */
export async function verifyReviewRemediations(orgId: string, now = new Date()) {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const checked = rowsOf<{ id: string; campaign_id: string; result: string; grant_id: string }>(
      await tx.execute(sql`
        with judged as (
          select i.id, case
              when g.status not in ('pending', 'approved', 'active') then 'gone'
              when i.decision = 'modify' and g.expires_at is not null
                and g.expires_at <= i.new_expires_at then 'shortened'
              else 'still_active' end as result
          from access_review_items i
          join access_grants g on g.org_id = i.org_id and g.id = i.grant_id
          where i.org_id = ${orgId} and i.decision in ('revoke', 'modify')
            and i.remediation_executed_at is not null and i.remediation_verified_at is null)
        update access_review_items i set
          verification_result = j.result,
          verification_checked_at = ${now.toISOString()}::timestamptz,
          remediation_verified_at = case when j.result = 'still_active' then null
            else ${now.toISOString()}::timestamptz end
        from judged j
        where i.org_id = ${orgId} and i.id = j.id
          and i.verification_result is distinct from j.result
        returning i.id, i.campaign_id, j.result, i.grant_id`),
    );
    for (const c of checked)
      await appendAudit(tx, {
        orgId,
        actor: REVIEW_JOB,
        action:
          c.result === 'still_active'
            ? 'access_review.remediation_still_active'
            : 'access_review.remediation_verified',
        entityType: 'access_review_item',
        entityId: c.id,
        after: { result: c.result, grantId: c.grant_id },
        requestId: null,
        ip: null,
      });
    return {
      verified: checked.filter((c) => c.result !== 'still_active').length,
      stillActive: checked.filter((c) => c.result === 'still_active').length,
    };
  });
}

/**
 * Reminds reviewers of pending items a few days before the due date, and once it has passed
 * marks the items overdue and escalates them to compliance (and tells the reviewer). Each
 * item is reminded once and escalated once (`reminded_at`, `escalated_at`), so re-runs send
 * nothing new.
 */
export async function remindAndEscalateReviews(orgId: string, now = new Date()) {
  const today = isoDay(now);
  const result = await withTenant({ orgId, userId: null }, async (tx) => {
    const at = now.toISOString();
    const reminded = rowsOf<{
      campaign_id: string;
      name: string;
      due: string;
      email: string;
      n: number;
    }>(
      await tx.execute(sql`
        with marked as (
          update access_review_items i set reminded_at = ${at}::timestamptz
          from access_review_campaigns c
          where i.org_id = ${orgId} and c.org_id = i.org_id and c.id = i.campaign_id
            and c.status = 'active' and i.status = 'pending' and i.reminded_at is null
            and i.reviewer_user_id is not null
            and c.due_date >= ${today}::date
            and c.due_date <= ${today}::date + ${REMINDER_DAYS_BEFORE_DUE}::int
          returning i.campaign_id, i.reviewer_user_id)
        select m.campaign_id, c.name, to_char(c.due_date, 'YYYY-MM-DD') as due, u.email, count(*)::int as n
        from marked m
        join access_review_campaigns c on c.org_id = ${orgId} and c.id = m.campaign_id
        join users u on u.id = m.reviewer_user_id
        group by m.campaign_id, c.name, c.due_date, u.email order by u.email`),
    );
    for (const r of reminded)
      await queueMail(tx, orgId, {
        to: r.email,
        subject: `Reminder: ${r.n} access-review item${r.n === 1 ? '' : 's'} due ${r.due}`,
        body: `"${r.name}" is due on ${r.due} and ${r.n} item${r.n === 1 ? ' assigned to you is' : 's assigned to you are'} still undecided:\n\n${appBaseUrl()}/reviews?campaignId=${r.campaign_id}\n`,
        category: 'access_review.reminder',
        relatedType: 'access_review_campaign',
        relatedId: r.campaign_id,
      });
    const remindedCampaigns = new Map<string, number>();
    for (const r of reminded)
      remindedCampaigns.set(r.campaign_id, (remindedCampaigns.get(r.campaign_id) ?? 0) + r.n);
    for (const [campaignId, n] of remindedCampaigns)
      await appendAudit(tx, {
        orgId,
        actor: REVIEW_JOB,
        action: 'access_review.reviewers_reminded',
        entityType: 'access_review_campaign',
        entityId: campaignId,
        after: { pendingItems: n },
        requestId: null,
        ip: null,
      });
    const escalated = rowsOf<{
      campaign_id: string;
      name: string;
      due: string;
      email: string | null;
      n: number;
    }>(
      await tx.execute(sql`
        with marked as (
          update access_review_items i set escalated_at = ${at}::timestamptz
          from access_review_campaigns c
          where i.org_id = ${orgId} and c.org_id = i.org_id and c.id = i.campaign_id
            and c.status = 'active' and i.status = 'pending' and i.escalated_at is null
            and c.due_date < ${today}::date
          returning i.campaign_id, i.reviewer_user_id)
        select m.campaign_id, c.name, to_char(c.due_date, 'YYYY-MM-DD') as due, u.email, count(*)::int as n
        from marked m
        join access_review_campaigns c on c.org_id = ${orgId} and c.id = m.campaign_id
        left join users u on u.id = m.reviewer_user_id
        group by m.campaign_id, c.name, c.due_date, u.email order by u.email nulls first`),
    );
    const byCampaign = new Map<
      string,
      { name: string; due: string; n: number; reviewers: string[] }
    >();
    for (const e of escalated) {
      const c = byCampaign.get(e.campaign_id) ?? { name: e.name, due: e.due, n: 0, reviewers: [] };
      c.n += e.n;
      if (e.email) {
        c.reviewers.push(`${e.email} (${e.n})`);
        await queueMail(tx, orgId, {
          to: e.email,
          subject: `Overdue: ${e.n} access-review item${e.n === 1 ? '' : 's'} were due ${e.due}`,
          body: `"${e.name}" was due on ${e.due}. Compliance has been told; please decide the remaining items now:\n\n${appBaseUrl()}/reviews?campaignId=${e.campaign_id}&status=overdue\n`,
          category: 'access_review.escalation',
          relatedType: 'access_review_campaign',
          relatedId: e.campaign_id,
        });
      } else c.reviewers.push(`no reviewer assigned (${e.n})`);
      byCampaign.set(e.campaign_id, c);
    }
    for (const [campaignId, c] of byCampaign) {
      await queueMailToRoles(tx, orgId, ['compliance'], {
        subject: `Escalation: ${c.n} access-review item${c.n === 1 ? '' : 's'} overdue in "${c.name}"`,
        body: `"${c.name}" was due on ${c.due}. Undecided items by reviewer: ${c.reviewers.join(', ')}.\n\n${appBaseUrl()}/reviews/campaigns/${campaignId}\n`,
        category: 'access_review.escalation',
        relatedType: 'access_review_campaign',
        relatedId: campaignId,
      });
      await appendAudit(tx, {
        orgId,
        actor: REVIEW_JOB,
        action: 'access_review.items_escalated',
        entityType: 'access_review_campaign',
        entityId: campaignId,
        after: { overdueItems: c.n, dueDate: c.due },
        requestId: null,
        ip: null,
      });
    }
    return {
      reminded: reminded.reduce((s, r) => s + r.n, 0),
      escalated: escalated.reduce((s, r) => s + r.n, 0),
    };
  });
  if (result.reminded + result.escalated > 0) await requestMailDelivery(orgId);
  return result;
}
