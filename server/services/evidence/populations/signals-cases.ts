import { cellText, type EvidenceSectionModule } from '../population';

const CASES_IN_PERIOD = `c.org_id = :org::uuid and c.opened_at < :end::timestamptz
  and (c.closed_at is null or c.closed_at >= :start::timestamptz) and c.opened_at <= :snapshot::timestamptz`;
const SIGNALS_IN_PERIOD = `sg.org_id = :org::uuid and sg.created_at <= :snapshot::timestamptz
  and ((sg.created_at >= :start::timestamptz and sg.created_at < :end::timestamptz)
    or (sg.status_at >= :start::timestamptz and sg.status_at < :end::timestamptz))`;

/** Signals with their triage outcome, and cases with subjects and full timelines. */
export const signalsCasesSection: EvidenceSectionModule = {
  section: 'signals_cases',
  populations: [
    {
      path: 'signals/signals.csv',
      description:
        'Signals raised or triaged in the period, with triage outcome, reason, who and when',
      columns: [
        'id',
        'kind',
        'severity',
        'person_email',
        'vendor',
        'window_start',
        'window_end',
        'explanation',
        'detector_version',
        'evidence_events',
        'status',
        'status_reason',
        'status_by',
        'status_at',
        'case_number',
        'created_at',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select sg.id, sg.kind, sg.severity, p.email as person_email, v.name as vendor, sg.window_start,
  sg.window_end, sg.explanation, sg.detector_version, cardinality(sg.evidence_event_ids) as evidence_events,
  sg.status, sg.status_reason, u.email as status_by, sg.status_at,
  (select 'CASE-' || lpad(c.number::text, 4, '0') from case_signals cs
     join cases c on c.org_id = cs.org_id and c.id = cs.case_id
     where cs.org_id = sg.org_id and cs.signal_id = sg.id) as case_number,
  sg.created_at
from signals sg
join people p on p.org_id = sg.org_id and p.id = sg.person_id
left join vendors v on v.org_id = sg.org_id and v.id = sg.vendor_id
left join users u on u.id = sg.status_by
where ${SIGNALS_IN_PERIOD}`,
    },
    {
      // The signal row holds only the latest outcome; a dismissal later reopened would
      // otherwise leave no trace but the audit segment.
      path: 'signals/triage_history.csv',
      description:
        'Every triage decision on a signal in the period, in order: from and to status, reason, case, who and when',
      columns: [
        'audit_seq',
        'signal_id',
        'at',
        'action',
        'from_status',
        'to_status',
        'reason',
        'case_reference',
        'actor',
      ],
      keys: [{ column: 'audit_seq', type: 'bigint' }],
      query: `select a.seq as audit_seq, a.entity_id as signal_id, a.occurred_at as at, a.action,
  a.before->>'status' as from_status, a.after->>'status' as to_status, a.after->>'reason' as reason,
  a.after->>'case' as case_reference, a.actor_label as actor
from audit_log a
where a.org_id = :org::uuid and a.entity_type = 'signal'
  and a.occurred_at >= :start::timestamptz and a.occurred_at < :end::timestamptz
  and a.occurred_at <= :snapshot::timestamptz`,
    },
    {
      path: 'cases/cases.csv',
      description:
        'Cases open at any time in the period, with assignee, outcome and closing rationale',
      columns: [
        'id',
        'reference',
        'title',
        'severity',
        'status',
        'assignee',
        'opened_by',
        'opened_at',
        'closed_by',
        'closed_at',
        'outcome',
        'closing_rationale',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select c.id, 'CASE-' || lpad(c.number::text, 4, '0') as reference, c.title, c.severity, c.status,
  a.email as assignee, o.email as opened_by, c.opened_at, cl.email as closed_by, c.closed_at, c.outcome,
  c.closing_rationale
from cases c
left join users a on a.id = c.assignee_user_id
left join users o on o.id = c.opened_by
left join users cl on cl.id = c.closed_by
where ${CASES_IN_PERIOD}`,
    },
    {
      path: 'cases/case_subjects.csv',
      description: 'Signals, people and vendors linked to those cases',
      columns: ['case_id', 'subject_type', 'subject_id', 'subject', 'added_by', 'added_at'],
      keys: [
        { column: 'case_id', type: 'uuid' },
        { column: 'subject_type', type: 'text' },
        { column: 'subject_id', type: 'uuid' },
      ],
      query: `select cs.case_id, 'signal' as subject_type, cs.signal_id as subject_id, sg.kind as subject, u.email as added_by, cs.added_at
from case_signals cs join cases c on c.org_id = cs.org_id and c.id = cs.case_id
join signals sg on sg.org_id = cs.org_id and sg.id = cs.signal_id left join users u on u.id = cs.added_by
where ${CASES_IN_PERIOD}
union all
select cp.case_id, 'person', cp.person_id, p.email, u.email, cp.added_at
from case_people cp join cases c on c.org_id = cp.org_id and c.id = cp.case_id
join people p on p.org_id = cp.org_id and p.id = cp.person_id left join users u on u.id = cp.added_by
where ${CASES_IN_PERIOD}
union all
select cv.case_id, 'vendor', cv.vendor_id, v.name, u.email, cv.added_at
from case_vendors cv join cases c on c.org_id = cv.org_id and c.id = cv.case_id
join vendors v on v.org_id = cv.org_id and v.id = cv.vendor_id left join users u on u.id = cv.added_by
where ${CASES_IN_PERIOD}`,
    },
    {
      path: 'cases/case_timeline.csv',
      description:
        "Each case's timeline up to the snapshot: notes, status changes, actions and their results",
      columns: ['id', 'case_id', 'at', 'kind', 'actor', 'body', 'data'],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select e.id, e.case_id, e.at, e.kind, u.email as actor, e.body, e.data::text as data
from case_events e join cases c on c.org_id = e.org_id and c.id = e.case_id
left join users u on u.id = e.actor_user_id
where ${CASES_IN_PERIOD} and e.at <= :snapshot::timestamptz`,
    },
  ],
  async summarize(q, params) {
    const [s] = await q<{ raised: number; triaged: number; open_old: number }>(
      `select count(*) filter (where sg.created_at >= :start::timestamptz and sg.created_at < :end::timestamptz)::int as raised,
  count(*) filter (where sg.created_at >= :start::timestamptz and sg.created_at < :end::timestamptz and sg.status <> 'open')::int as triaged,
  count(*) filter (where sg.status = 'open' and sg.created_at < least(:end::timestamptz, :snapshot::timestamptz) - interval '14 days')::int as open_old
from signals sg where ${SIGNALS_IN_PERIOD}`,
      params,
    );
    const [c] = await q<{ opened: number; closed: number; substantiated: number }>(
      `select count(*) filter (where c.opened_at >= :start::timestamptz)::int as opened,
  count(*) filter (where c.closed_at >= :start::timestamptz and c.closed_at < :end::timestamptz)::int as closed,
  count(*) filter (where c.outcome = 'substantiated' and c.closed_at >= :start::timestamptz and c.closed_at < :end::timestamptz)::int as substantiated
from cases c where ${CASES_IN_PERIOD}`,
      params,
    );
    // Every month of the period, empty ones included, so a quiet month shows as a gap.
    const byMonth = await q<{ month: string; n: number }>(
      `select to_char(m, 'YYYY-MM') as month, count(sg.id)::int as n
from generate_series(date_trunc('month', :start::timestamptz at time zone 'UTC'),
  :end::timestamptz at time zone 'UTC' - interval '1 day', interval '1 month') m
left join signals sg on sg.org_id = :org::uuid and sg.created_at >= :start::timestamptz
  and sg.created_at < :end::timestamptz and sg.created_at <= :snapshot::timestamptz
  and date_trunc('month', sg.created_at at time zone 'UTC') = m
group by m order by m`,
      params,
    );
    const exceptions = await q<{ kind: string; reference: string; detail: string; at: string }>(
      `select * from (
  select 'Case substantiated' as kind, 'CASE-' || lpad(c.number::text, 4, '0') || ' ' || c.title as reference,
    coalesce(c.closing_rationale, '') as detail, c.closed_at::text as at
  from cases c where ${CASES_IN_PERIOD} and c.outcome = 'substantiated'
    and c.closed_at >= :start::timestamptz and c.closed_at < :end::timestamptz
  union all
  select 'Signal untriaged > 14 days', sg.kind || ' · ' || p.email, sg.severity || ' severity', sg.created_at::text
  from signals sg join people p on p.org_id = sg.org_id and p.id = sg.person_id
  where ${SIGNALS_IN_PERIOD} and sg.status = 'open'
    and sg.created_at < least(:end::timestamptz, :snapshot::timestamptz) - interval '14 days'
) x order by at desc limit 200`,
      params,
    );
    return {
      title: 'Signals and cases',
      figures: [
        { label: 'Signals raised', value: s?.raised ?? 0 },
        { label: 'Untriaged > 14 days', value: s?.open_old ?? 0 },
        { label: 'Cases opened', value: c?.opened ?? 0 },
        { label: 'Cases closed', value: c?.closed ?? 0 },
        { label: 'Substantiated', value: c?.substantiated ?? 0 },
      ],
      rates: [{ label: 'Signals triaged', done: s?.triaged ?? 0, total: s?.raised ?? 0 }],
      chart: {
        title: 'Signals raised per month',
        bars: byMonth.map((m) => ({ label: m.month, value: m.n })),
      },
      exceptions: exceptions.map((e) => ({ ...e, at: cellText(e.at) })),
    };
  },
};
