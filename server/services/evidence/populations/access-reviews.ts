import { cellText, type EvidenceSectionModule } from '../population';

// Campaigns launched before the period ended and not completed before it began.
const CAMPAIGNS_IN_PERIOD = `c.org_id = :org::uuid and c.launched_at is not null
  and c.launched_at < :end::timestamptz and (c.completed_at is null or c.completed_at >= :start::timestamptz)
  and c.launched_at <= :snapshot::timestamptz`;

/**
 * Access review campaigns, their items as snapshotted at launch, every decision with its
 * history, and each remediation with its verification (docs/EVIDENCE.md §Contents).
 */
export const accessReviewsSection: EvidenceSectionModule = {
  section: 'access_reviews',
  populations: [
    {
      path: 'access_reviews/campaigns.csv',
      description: 'Campaigns active in the period: scope, due date, who launched them, completion',
      columns: [
        'id',
        'name',
        'scope',
        'due_date',
        'status',
        'launched_by',
        'launched_at',
        'completed_at',
        'item_count',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select c.id, c.name, c.scope::text as scope, c.due_date::text as due_date, c.status,
  u.email as launched_by, c.launched_at, c.completed_at, c.item_count
from access_review_campaigns c left join users u on u.id = c.launched_by
where ${CAMPAIGNS_IN_PERIOD}`,
    },
    {
      path: 'access_reviews/items.csv',
      description:
        'Items as snapshotted at launch (the grant as it was), reviewer, current decision, remediation executed and verified',
      columns: [
        'id',
        'campaign_id',
        'grant_id',
        'person_name',
        'person_email',
        'vendor_name',
        'system_name',
        'privilege_name',
        'sensitivity',
        'grant_status',
        'starts_at',
        'expires_at',
        'justification',
        'approver',
        'reviewer',
        'reviewer_basis',
        'status',
        'decision',
        'rationale',
        'new_expires_at',
        'decided_by',
        'decided_at',
        'remediation_executed_at',
        'remediation_verified_at',
        'verification_result',
        'verification_checked_at',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select i.id, i.campaign_id, i.grant_id, i.person_name, i.person_email, i.vendor_name, i.system_name,
  i.privilege_name, i.sensitivity, i.grant_status, i.starts_at, i.expires_at, i.justification, i.approver,
  r.email as reviewer, i.reviewer_basis, i.status, i.decision, i.rationale, i.new_expires_at,
  d.email as decided_by, i.decided_at, i.remediation_executed_at, i.remediation_verified_at,
  i.verification_result, i.verification_checked_at
from access_review_items i
join access_review_campaigns c on c.org_id = i.org_id and c.id = i.campaign_id
left join users r on r.id = i.reviewer_user_id
left join users d on d.id = i.decided_by
where ${CAMPAIGNS_IN_PERIOD}`,
    },
    {
      path: 'access_reviews/decisions.csv',
      description:
        'Every decision recorded on those items, oldest first, with what it did to the live grant',
      columns: [
        'id',
        'campaign_id',
        'item_id',
        'decision',
        'rationale',
        'new_expires_at',
        'decided_by',
        'decided_at',
        'remediation',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select dn.id, dn.campaign_id, dn.item_id, dn.decision, dn.rationale, dn.new_expires_at,
  u.email as decided_by, dn.decided_at, dn.remediation::text as remediation
from access_review_decisions dn
join access_review_campaigns c on c.org_id = dn.org_id and c.id = dn.campaign_id
left join users u on u.id = dn.decided_by
where ${CAMPAIGNS_IN_PERIOD} and dn.decided_at <= :snapshot::timestamptz`,
    },
  ],
  async summarize(q, params) {
    const [c] = await q<{
      items: number;
      decided: number;
      revoked: number;
      verified: number;
      overdue: number;
      still_active: number;
    }>(
      `select count(*)::int as items,
  count(*) filter (where i.status = 'decided')::int as decided,
  count(*) filter (where i.decision = 'revoke')::int as revoked,
  count(*) filter (where i.decision = 'revoke' and i.remediation_verified_at is not null)::int as verified,
  count(*) filter (where i.status = 'pending' and c.due_date < least(:end::timestamptz, :snapshot::timestamptz)::date)::int as overdue,
  count(*) filter (where i.verification_result = 'still_active')::int as still_active
from access_review_items i join access_review_campaigns c on c.org_id = i.org_id and c.id = i.campaign_id
where ${CAMPAIGNS_IN_PERIOD}`,
      params,
    );
    const byDecision = await q<{ decision: string; n: number }>(
      `select coalesce(i.decision, 'pending') as decision, count(*)::int as n
from access_review_items i join access_review_campaigns c on c.org_id = i.org_id and c.id = i.campaign_id
where ${CAMPAIGNS_IN_PERIOD} group by 1 order by 1`,
      params,
    );
    const exceptions = await q<{ kind: string; reference: string; detail: string; at: string }>(
      `select * from (
  select 'Review item overdue' as kind, c.name || ' · ' || coalesce(i.person_email, i.person_name) || ' · ' || i.system_name || '/' || i.privilege_name as reference,
    'due ' || c.due_date::text as detail, c.due_date::text as at
  from access_review_items i join access_review_campaigns c on c.org_id = i.org_id and c.id = i.campaign_id
  where ${CAMPAIGNS_IN_PERIOD} and i.status = 'pending' and c.due_date < least(:end::timestamptz, :snapshot::timestamptz)::date
  union all
  select case when i.verification_result = 'still_active' then 'Revocation not effective' else 'Access revoked in review' end,
    c.name || ' · ' || coalesce(i.person_email, i.person_name) || ' · ' || i.system_name || '/' || i.privilege_name,
    coalesce(i.rationale, '') || coalesce(' (verified ' || i.verification_result || ')', ' (not yet verified)'),
    coalesce(i.decided_at, c.launched_at)::text
  from access_review_items i join access_review_campaigns c on c.org_id = i.org_id and c.id = i.campaign_id
  where ${CAMPAIGNS_IN_PERIOD} and i.decision = 'revoke'
) x order by at desc limit 200`,
      params,
    );
    return {
      title: 'Access reviews',
      figures: [
        { label: 'Items reviewed', value: c?.items ?? 0 },
        { label: 'Decided', value: c?.decided ?? 0 },
        { label: 'Revoked', value: c?.revoked ?? 0 },
        { label: 'Overdue items', value: c?.overdue ?? 0 },
        { label: 'Revocations still active', value: c?.still_active ?? 0 },
      ],
      rates: [
        { label: 'Items decided', done: c?.decided ?? 0, total: c?.items ?? 0 },
        { label: 'Revocations verified', done: c?.verified ?? 0, total: c?.revoked ?? 0 },
      ],
      chart: {
        title: 'Review items by decision',
        bars: byDecision.map((b) => ({ label: b.decision, value: b.n })),
      },
      exceptions: exceptions.map((e) => ({ ...e, at: cellText(e.at) })),
    };
  },
};
