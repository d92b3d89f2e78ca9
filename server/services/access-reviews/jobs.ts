import { sql } from 'drizzle-orm';
import { withTenant } from '@/db/tenant';
import { REMINDER_DAYS_BEFORE_DUE } from '@/server/domain/access-reviews/campaign';
import {
  reviewEscalationNotice,
  reviewOverdueNotice,
  reviewReminderNotice,
} from '@/server/domain/notifications/access-notices';
import type { Notice } from '@/server/domain/notifications/notice';
import { isoDay } from '@/server/domain/time';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import { appBaseUrl, requestMailDelivery } from '@/server/services/mail/outbox';
import { notify, notifyEach } from '@/server/services/notifications/send';
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
    const base = appBaseUrl();
    const reminded = rowsOf<{
      campaign_id: string;
      name: string;
      due: string;
      reviewer: string;
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
        select m.campaign_id, c.name, to_char(c.due_date, 'YYYY-MM-DD') as due,
          m.reviewer_user_id as reviewer, count(*)::int as n
        from marked m
        join access_review_campaigns c on c.org_id = ${orgId} and c.id = m.campaign_id
        group by m.campaign_id, c.name, c.due_date, m.reviewer_user_id
        order by m.campaign_id, m.reviewer_user_id`),
    );
    // One message per reviewer and campaign, to reviewers who keep review mail on.
    for (const campaignId of new Set(reminded.map((r) => r.campaign_id)))
      await notifyEach(
        tx,
        orgId,
        'review_items',
        new Map<string, Notice>(
          reminded
            .filter((r) => r.campaign_id === campaignId)
            .map((r) => [
              r.reviewer,
              reviewReminderNotice({
                base,
                campaignId,
                campaignName: r.name,
                count: r.n,
                dueDate: r.due,
              }),
            ]),
        ),
      );
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
      reviewer: string | null;
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
        select m.campaign_id, c.name, to_char(c.due_date, 'YYYY-MM-DD') as due,
          m.reviewer_user_id as reviewer, u.email, count(*)::int as n
        from marked m
        join access_review_campaigns c on c.org_id = ${orgId} and c.id = m.campaign_id
        left join users u on u.id = m.reviewer_user_id
        group by m.campaign_id, c.name, c.due_date, m.reviewer_user_id, u.email
        order by u.email nulls first`),
    );
    const byCampaign = new Map<
      string,
      { name: string; due: string; n: number; reviewers: string[]; overdue: Map<string, Notice> }
    >();
    for (const e of escalated) {
      const c = byCampaign.get(e.campaign_id) ?? {
        name: e.name,
        due: e.due,
        n: 0,
        reviewers: [],
        overdue: new Map<string, Notice>(),
      };
      c.n += e.n;
      if (e.reviewer && e.email) {
        c.reviewers.push(`${e.email} (${e.n})`);
        c.overdue.set(
          e.reviewer,
          reviewOverdueNotice({
            base,
            campaignId: e.campaign_id,
            campaignName: e.name,
            count: e.n,
            dueDate: e.due,
          }),
        );
      } else c.reviewers.push(`no reviewer assigned (${e.n})`);
      byCampaign.set(e.campaign_id, c);
    }
    for (const [campaignId, c] of byCampaign) {
      await notifyEach(tx, orgId, 'review_items', c.overdue);
      await notify(
        tx,
        orgId,
        reviewEscalationNotice({
          base,
          campaignId,
          campaignName: c.name,
          count: c.n,
          dueDate: c.due,
          reviewers: c.reviewers,
        }),
        { roles: ['compliance'] },
      );
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
