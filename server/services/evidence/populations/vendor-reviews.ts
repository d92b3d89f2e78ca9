import { cellText, type EvidenceSectionModule } from '../population';

// Reviews open at any moment of the period: created before it ended, not completed before it began.
const REVIEWS_IN_PERIOD = `r.org_id = :org::uuid and r.created_at < :end::timestamptz
  and (r.completed_at is null or r.completed_at >= :start::timestamptz)
  and r.created_at <= :snapshot::timestamptz`;

/** Vendor reviews with questionnaire answers and decision, findings with their remediation, evidence-file hashes. */
export const vendorReviewsSection: EvidenceSectionModule = {
  section: 'vendor_reviews',
  populations: [
    {
      path: 'vendor_reviews/reviews.csv',
      description:
        'Vendor reviews open in the period: kind, reviewer, approver, decision with conditions and rationale, questionnaire answers',
      columns: [
        'id',
        'vendor',
        'kind',
        'status',
        'source',
        'reviewer',
        'due_on',
        'submitted_at',
        'approver',
        'decision',
        'conditions',
        'rationale',
        'completed_at',
        'created_by',
        'created_at',
        'answers',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select r.id, v.name as vendor, r.kind, r.status, r.source, rv.email as reviewer,
  r.due_on::text as due_on, r.submitted_at, ap.email as approver, r.decision, r.conditions, r.rationale,
  r.completed_at, cb.email as created_by, r.created_at, r.answers::text as answers
from vendor_reviews r
join vendors v on v.org_id = r.org_id and v.id = r.vendor_id
left join users rv on rv.id = r.reviewer_user_id
left join users ap on ap.id = r.approver_user_id
left join users cb on cb.id = r.created_by
where ${REVIEWS_IN_PERIOD}`,
    },
    {
      path: 'vendor_reviews/findings.csv',
      description:
        'Findings of those reviews with remediation task, owner, due date, status and when it was resolved',
      columns: [
        'id',
        'review_id',
        'vendor',
        'title',
        'severity',
        'remediation',
        'owner',
        'due_on',
        'status',
        'status_note',
        'created_at',
        'resolved_at',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select f.id, f.review_id, v.name as vendor, f.title, f.severity, f.remediation, o.email as owner,
  f.due_on::text as due_on, f.status, f.status_note, f.created_at, f.resolved_at
from vendor_review_findings f
join vendor_reviews r on r.org_id = f.org_id and r.id = f.review_id
join vendors v on v.org_id = f.org_id and v.id = f.vendor_id
left join users o on o.id = f.owner_user_id
where ${REVIEWS_IN_PERIOD} and f.created_at <= :snapshot::timestamptz`,
    },
    {
      path: 'vendor_reviews/evidence_files.csv',
      description: 'Evidence files attached to those reviews, with size and SHA-256 as uploaded',
      columns: [
        'id',
        'review_id',
        'file_name',
        'size_bytes',
        'content_type',
        'sha256',
        'uploaded_by',
        'uploaded_at',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select e.id, e.review_id, e.file_name, e.size_bytes, e.content_type, e.sha256,
  u.email as uploaded_by, e.uploaded_at
from vendor_review_evidence e
join vendor_reviews r on r.org_id = e.org_id and r.id = e.review_id
left join users u on u.id = e.uploaded_by
where ${REVIEWS_IN_PERIOD} and e.uploaded_at <= :snapshot::timestamptz`,
    },
  ],
  async summarize(q, params) {
    const [c] = await q<{ total: number; decided: number; overdue: number; rejected: number }>(
      `select count(*)::int as total,
  count(*) filter (where r.status = 'decided')::int as decided,
  count(*) filter (where r.status <> 'decided' and r.due_on < least(:end::timestamptz, :snapshot::timestamptz)::date)::int as overdue,
  count(*) filter (where r.decision = 'rejected')::int as rejected
from vendor_reviews r where ${REVIEWS_IN_PERIOD}`,
      params,
    );
    const [f] = await q<{ open_serious: number; total: number; closed: number }>(
      `select count(*)::int as total,
  count(*) filter (where f.status in ('remediated', 'accepted_risk'))::int as closed,
  count(*) filter (where f.status in ('open', 'in_progress') and f.severity in ('high', 'critical'))::int as open_serious
from vendor_review_findings f join vendor_reviews r on r.org_id = f.org_id and r.id = f.review_id
where ${REVIEWS_IN_PERIOD}`,
      params,
    );
    const byDecision = await q<{ decision: string; n: number }>(
      `select coalesce(r.decision, 'undecided') as decision, count(*)::int as n
from vendor_reviews r where ${REVIEWS_IN_PERIOD} group by 1 order by 1`,
      params,
    );
    const exceptions = await q<{ kind: string; reference: string; detail: string; at: string }>(
      `select * from (
  select 'Vendor review overdue' as kind, v.name || ' · ' || r.kind as reference,
    'due ' || r.due_on::text || ', ' || replace(r.status, '_', ' ') as detail, r.due_on::text as at
  from vendor_reviews r join vendors v on v.org_id = r.org_id and v.id = r.vendor_id
  where ${REVIEWS_IN_PERIOD} and r.status <> 'decided'
    and r.due_on < least(:end::timestamptz, :snapshot::timestamptz)::date
  union all
  select 'Vendor rejected', v.name || ' · ' || r.kind, coalesce(r.rationale, ''), r.completed_at::text
  from vendor_reviews r join vendors v on v.org_id = r.org_id and v.id = r.vendor_id
  where ${REVIEWS_IN_PERIOD} and r.decision = 'rejected'
  union all
  select 'Finding overdue', v.name || ' · ' || f.title, f.severity || ' severity, due ' || f.due_on::text, f.due_on::text
  from vendor_review_findings f join vendor_reviews r on r.org_id = f.org_id and r.id = f.review_id
  join vendors v on v.org_id = f.org_id and v.id = f.vendor_id
  where ${REVIEWS_IN_PERIOD} and f.status in ('open', 'in_progress')
    and f.due_on < least(:end::timestamptz, :snapshot::timestamptz)::date
) x order by at desc limit 200`,
      params,
    );
    return {
      title: 'Vendor reviews',
      figures: [
        { label: 'Reviews in the period', value: c?.total ?? 0 },
        { label: 'Decided', value: c?.decided ?? 0 },
        { label: 'Overdue', value: c?.overdue ?? 0 },
        { label: 'Rejected', value: c?.rejected ?? 0 },
        { label: 'Open high/critical findings', value: f?.open_serious ?? 0 },
      ],
      rates: [
        { label: 'Reviews decided', done: c?.decided ?? 0, total: c?.total ?? 0 },
        { label: 'Findings closed', done: f?.closed ?? 0, total: f?.total ?? 0 },
      ],
      chart: {
        title: 'Reviews by decision',
        bars: byDecision.map((b) => ({ label: b.decision.replace(/_/g, ' '), value: b.n })),
      },
      exceptions: exceptions.map((e) => ({ ...e, at: cellText(e.at) })),
    };
  },
};
