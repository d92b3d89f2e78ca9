import { cellText, type EvidenceSectionModule } from '../population';

// Campaigns launched before the period ended and due on or after it began.
const CAMPAIGNS_IN_PERIOD = `c.org_id = :org::uuid and c.launched_at < :end::timestamptz
  and c.due_at >= :start::timestamptz and c.launched_at <= :snapshot::timestamptz`;

/** Attestation campaigns and every request with its signature (hash of what was signed), never the token. */
export const attestationsSection: EvidenceSectionModule = {
  section: 'attestations',
  populations: [
    {
      path: 'attestations/campaigns.csv',
      description:
        'Campaigns due in or spanning the period: template and version, audience, due date, who launched them',
      columns: [
        'id',
        'name',
        'template_key',
        'template_version',
        'audience',
        'due_at',
        'status',
        'launched_by',
        'launched_at',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select c.id, c.name, c.template_key, c.template_version, c.audience_label as audience, c.due_at, c.status,
  u.email as launched_by, c.launched_at
from attestation_campaigns c left join users u on u.id = c.launched_by
where ${CAMPAIGNS_IN_PERIOD}`,
    },
    {
      path: 'attestations/requests.csv',
      description:
        'Every request of those campaigns: recipient, status, answers, typed signature, when, and the SHA-256 of what was signed',
      columns: [
        'id',
        'campaign_id',
        'person_email',
        'recipient_email',
        'status',
        'responded_at',
        'typed_signature',
        'signed_sha256',
        'decline_reason',
        'disclosures',
        'answers',
        'reminders_sent',
        'created_at',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select r.id, r.campaign_id, p.email as person_email, r.recipient_email, r.status, r.responded_at,
  r.typed_signature, r.signed_sha256, r.decline_reason, r.disclosures, r.answers::text as answers,
  array_to_string(r.reminders_sent, ';') as reminders_sent, r.created_at
from attestation_requests r
join attestation_campaigns c on c.org_id = r.org_id and c.id = r.campaign_id
join people p on p.org_id = r.org_id and p.id = r.person_id
where ${CAMPAIGNS_IN_PERIOD} and r.created_at <= :snapshot::timestamptz`,
    },
  ],
  async summarize(q, params) {
    const [c] = await q<{
      total: number;
      signed: number;
      declined: number;
      overdue: number;
      disclosures: number;
    }>(
      `select count(*)::int as total,
  count(*) filter (where r.status = 'signed')::int as signed,
  count(*) filter (where r.status = 'declined')::int as declined,
  count(*) filter (where r.status = 'overdue' or (r.status = 'pending' and c.due_at < least(:end::timestamptz, :snapshot::timestamptz)))::int as overdue,
  coalesce(sum(r.disclosures), 0)::int as disclosures
from attestation_requests r join attestation_campaigns c on c.org_id = r.org_id and c.id = r.campaign_id
where ${CAMPAIGNS_IN_PERIOD}`,
      params,
    );
    const byStatus = await q<{ status: string; n: number }>(
      `select r.status, count(*)::int as n
from attestation_requests r join attestation_campaigns c on c.org_id = r.org_id and c.id = r.campaign_id
where ${CAMPAIGNS_IN_PERIOD} group by 1 order by 1`,
      params,
    );
    const exceptions = await q<{ kind: string; reference: string; detail: string; at: string }>(
      `select * from (
  select 'Attestation overdue' as kind, c.name || ' · ' || p.email as reference,
    'due ' || to_char(c.due_at at time zone 'UTC', 'YYYY-MM-DD') as detail, c.due_at::text as at
  from attestation_requests r join attestation_campaigns c on c.org_id = r.org_id and c.id = r.campaign_id
  join people p on p.org_id = r.org_id and p.id = r.person_id
  where ${CAMPAIGNS_IN_PERIOD} and (r.status = 'overdue' or (r.status = 'pending' and c.due_at < least(:end::timestamptz, :snapshot::timestamptz)))
  union all
  select case when r.disclosures > 0 then 'Disclosure in attestation' else 'Attestation declined' end,
    c.name || ' · ' || p.email, coalesce(r.decline_reason, r.disclosures || ' disclosure(s)'), r.responded_at::text
  from attestation_requests r join attestation_campaigns c on c.org_id = r.org_id and c.id = r.campaign_id
  join people p on p.org_id = r.org_id and p.id = r.person_id
  where ${CAMPAIGNS_IN_PERIOD} and (r.status = 'declined' or r.disclosures > 0)
) x order by at desc limit 200`,
      params,
    );
    return {
      title: 'Attestations',
      figures: [
        { label: 'Requests', value: c?.total ?? 0 },
        { label: 'Signed', value: c?.signed ?? 0 },
        { label: 'Declined', value: c?.declined ?? 0 },
        { label: 'Overdue', value: c?.overdue ?? 0 },
        { label: 'Disclosures', value: c?.disclosures ?? 0 },
      ],
      rates: [{ label: 'Requests signed', done: c?.signed ?? 0, total: c?.total ?? 0 }],
      chart: {
        title: 'Requests by status',
        bars: byStatus.map((b) => ({ label: b.status, value: b.n })),
      },
      exceptions: exceptions.map((e) => ({ ...e, at: cellText(e.at) })),
    };
  },
};
