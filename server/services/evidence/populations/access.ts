import { cellText, type EvidenceSectionModule } from '../population';

// Grants that existed at any moment of the period: requested before it ended and not ended before it began.
const GRANTS_IN_PERIOD = `g.org_id = :org::uuid and g.requested_at < :end::timestamptz
  and (g.ended_at is null or g.ended_at >= :start::timestamptz) and g.created_at <= :snapshot::timestamptz`;

/**
 * Access requests and grants with their approval chain and how each ended
 * (docs/EVIDENCE.md §Contents).
 */
export const accessSection: EvidenceSectionModule = {
  section: 'access',
  populations: [
    {
      path: 'access/grants.csv',
      description:
        'Access requests and grants that existed in the period, with lifecycle and revocation',
      columns: [
        'id',
        'person_email',
        'system',
        'privilege',
        'sensitivity',
        'status',
        'source',
        'justification',
        'duration_days',
        'requested_by',
        'requested_at',
        'imported_approver',
        'decided_at',
        'starts_at',
        'expires_at',
        'ended_at',
        'revoked_by',
        'end_reason',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select g.id, p.email as person_email, s.name as system, pr.name as privilege, pr.sensitivity,
  g.status, g.source, g.justification, g.duration_days, rq.email as requested_by, g.requested_at,
  g.imported_approver, g.decided_at, g.starts_at, g.expires_at, g.ended_at, rv.email as revoked_by, g.end_reason
from access_grants g
join people p on p.org_id = g.org_id and p.id = g.person_id
join systems s on s.org_id = g.org_id and s.id = g.system_id
join privileges pr on pr.org_id = g.org_id and pr.id = g.privilege_id
left join users rq on rq.id = g.requested_by
left join users rv on rv.id = g.revoked_by
where ${GRANTS_IN_PERIOD}`,
    },
    {
      path: 'access/approval_steps.csv',
      description: 'Every approval step of those grants: who was asked, who decided, when and why',
      columns: [
        'id',
        'grant_id',
        'seq',
        'kind',
        'approver',
        'approver_role',
        'status',
        'note',
        'decided_by',
        'decided_at',
        'comment',
      ],
      keys: [
        { column: 'grant_id', type: 'uuid' },
        { column: 'seq', type: 'int' },
      ],
      query: `select st.id, st.grant_id, st.seq, st.kind, ap.email as approver, st.approver_role, st.status,
  st.note, dc.email as decided_by, st.decided_at, st.comment
from approval_steps st
join access_grants g on g.org_id = st.org_id and g.id = st.grant_id
left join users ap on ap.id = st.approver_user_id
left join users dc on dc.id = st.decided_by
where st.org_id = :org::uuid and ${GRANTS_IN_PERIOD}`,
    },
  ],
  async summarize(q, params) {
    const [c] = await q<{
      requested: number;
      decided: number;
      approved: number;
      revoked: number;
      pending_overdue: number;
      active_end: number;
    }>(
      `select
  count(*) filter (where g.source = 'request' and g.requested_at >= :start::timestamptz)::int as requested,
  count(*) filter (where g.source = 'request' and g.requested_at >= :start::timestamptz and g.decided_at is not null)::int as decided,
  count(*) filter (where g.source = 'request' and g.requested_at >= :start::timestamptz and g.status in ('approved', 'active', 'expired', 'revoked'))::int as approved,
  count(*) filter (where g.status = 'revoked' and g.ended_at >= :start::timestamptz and g.ended_at < :end::timestamptz)::int as revoked,
  count(*) filter (where g.status = 'pending' and g.requested_at < least(:end::timestamptz, :snapshot::timestamptz) - interval '7 days')::int as pending_overdue,
  count(*) filter (where g.status = 'active')::int as active_end
from access_grants g where ${GRANTS_IN_PERIOD}`,
      params,
    );
    const exceptions = await q<{ kind: string; reference: string; detail: string; at: string }>(
      `select * from (
  select 'Access revoked' as kind, p.email || ' · ' || s.name || '/' || pr.name as reference,
    coalesce(g.end_reason, 'revoked') || coalesce(' by ' || rv.email, '') as detail, g.ended_at::text as at
  from access_grants g
  join people p on p.org_id = g.org_id and p.id = g.person_id
  join systems s on s.org_id = g.org_id and s.id = g.system_id
  join privileges pr on pr.org_id = g.org_id and pr.id = g.privilege_id
  left join users rv on rv.id = g.revoked_by
  where ${GRANTS_IN_PERIOD} and g.status = 'revoked' and g.ended_at >= :start::timestamptz and g.ended_at < :end::timestamptz
  union all
  select 'Approval overdue', p.email || ' · ' || s.name || '/' || pr.name,
    'pending since ' || to_char(g.requested_at at time zone 'UTC', 'YYYY-MM-DD'), g.requested_at::text
  from access_grants g
  join people p on p.org_id = g.org_id and p.id = g.person_id
  join systems s on s.org_id = g.org_id and s.id = g.system_id
  join privileges pr on pr.org_id = g.org_id and pr.id = g.privilege_id
  where ${GRANTS_IN_PERIOD} and g.status = 'pending' and g.requested_at < least(:end::timestamptz, :snapshot::timestamptz) - interval '7 days'
) x order by at desc limit 200`,
      params,
    );
    const bySensitivity = await q<{ sensitivity: string; n: number }>(
      `select pr.sensitivity, count(*)::int as n from access_grants g
join privileges pr on pr.org_id = g.org_id and pr.id = g.privilege_id
where ${GRANTS_IN_PERIOD} group by pr.sensitivity
order by array_position(array['critical','high','medium','low'], pr.sensitivity::text)`,
      params,
    );
    return {
      title: 'Access requests and grants',
      figures: [
        { label: 'Requests in the period', value: c?.requested ?? 0 },
        { label: 'Approved', value: c?.approved ?? 0 },
        { label: 'Revoked in the period', value: c?.revoked ?? 0 },
        { label: 'Approvals pending > 7 days', value: c?.pending_overdue ?? 0 },
        { label: 'Active grants', value: c?.active_end ?? 0 },
      ],
      rates: [{ label: 'Requests decided', done: c?.decided ?? 0, total: c?.requested ?? 0 }],
      chart: {
        title: 'Grants in the period by privilege sensitivity',
        bars: bySensitivity.map((b) => ({ label: b.sensitivity, value: b.n })),
      },
      exceptions: exceptions.map((e) => ({ ...e, at: cellText(e.at) })),
    };
  },
};
