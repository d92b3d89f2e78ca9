import type { EvidenceSectionModule } from '../population';

/** Vendor inventory, people (no protected attributes) and systems, as they stand at the snapshot. */
export const inventorySection: EvidenceSectionModule = {
  section: 'inventory',
  populations: [
    {
      path: 'inventory/vendors.csv',
      description: 'Vendors at the snapshot: tier, status, contract, owner and review dates',
      columns: [
        'id',
        'name',
        'country',
        'tier',
        'status',
        'data_categories',
        'contract_start',
        'contract_end',
        'owner_email',
        'last_review_at',
        'next_review_at',
        'created_at',
        'updated_at',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select v.id, v.name, v.country, v.tier, v.status,
  array_to_string(v.data_categories, ';') as data_categories,
  v.contract_start::text as contract_start, v.contract_end::text as contract_end,
  u.email as owner_email, v.last_review_at::text as last_review_at,
  v.next_review_at::text as next_review_at, v.created_at, v.updated_at
from vendors v left join users u on u.id = v.owner_user_id
where v.org_id = :org::uuid and v.created_at <= :snapshot::timestamptz`,
    },
    {
      path: 'inventory/vendor_certifications.csv',
      description: 'Certifications each vendor holds, with expiry',
      columns: ['vendor_id', 'vendor', 'n', 'certification', 'expires_on'],
      keys: [
        { column: 'vendor_id', type: 'uuid' },
        { column: 'n', type: 'bigint' },
      ],
      query: `select v.id as vendor_id, v.name as vendor, c.n, c.value->>'name' as certification,
  c.value->>'expiresOn' as expires_on
from vendors v cross join lateral jsonb_array_elements(v.certifications) with ordinality as c(value, n)
where v.org_id = :org::uuid and v.created_at <= :snapshot::timestamptz`,
    },
    {
      path: 'inventory/vendor_sub_processors.csv',
      description: 'Sub-processors each vendor declares',
      columns: ['vendor_id', 'vendor', 'n', 'sub_processor', 'country', 'service'],
      keys: [
        { column: 'vendor_id', type: 'uuid' },
        { column: 'n', type: 'bigint' },
      ],
      query: `select v.id as vendor_id, v.name as vendor, s.n, s.value->>'name' as sub_processor,
  s.value->>'country' as country, s.value->>'service' as service
from vendors v cross join lateral jsonb_array_elements(v.sub_processors) with ordinality as s(value, n)
where v.org_id = :org::uuid and v.created_at <= :snapshot::timestamptz`,
    },
    {
      path: 'inventory/vendor_status_history.csv',
      description: 'Vendor status changes in the period, with reason and who made them',
      columns: [
        'id',
        'vendor_id',
        'vendor',
        'from_status',
        'to_status',
        'reason',
        'changed_by',
        'changed_at',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select h.id, h.vendor_id, v.name as vendor, h.from_status, h.to_status, h.reason,
  u.email as changed_by, h.changed_at
from vendor_status_history h
join vendors v on v.org_id = h.org_id and v.id = h.vendor_id
left join users u on u.id = h.changed_by
where h.org_id = :org::uuid and h.changed_at >= :start::timestamptz and h.changed_at < :end::timestamptz
  and h.changed_at <= :snapshot::timestamptz`,
    },
    {
      path: 'inventory/people.csv',
      description:
        'People at the snapshot (no protected attributes): type, vendor, manager, dates, screening status',
      columns: [
        'id',
        'email',
        'full_name',
        'type',
        'vendor',
        'department',
        'title',
        'manager_email',
        'country',
        'start_date',
        'end_date',
        'identity_verified_at',
        'background_check_status',
        'created_at',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select p.id, p.email, p.full_name, p.type, v.name as vendor, p.department, p.title,
  m.email as manager_email, p.country, p.start_date::text as start_date, p.end_date::text as end_date,
  p.identity_verified_at, p.background_check_status, p.created_at
from people p
left join vendors v on v.org_id = p.org_id and v.id = p.vendor_id
left join people m on m.org_id = p.org_id and m.id = p.manager_id
where p.org_id = :org::uuid and p.created_at <= :snapshot::timestamptz`,
    },
    {
      path: 'inventory/privileges.csv',
      description: 'Systems and their privileges graded by sensitivity',
      columns: [
        'id',
        'system',
        'system_criticality',
        'system_owner',
        'privilege',
        'sensitivity',
        'retired',
      ],
      keys: [{ column: 'id', type: 'uuid' }],
      query: `select pr.id, s.name as system, s.criticality as system_criticality, u.email as system_owner,
  pr.name as privilege, pr.sensitivity, pr.retired
from privileges pr
join systems s on s.org_id = pr.org_id and s.id = pr.system_id
left join users u on u.id = s.owner_user_id
where pr.org_id = :org::uuid and s.created_at <= :snapshot::timestamptz`,
    },
  ],
  async summarize(q, params) {
    const [v] = await q<{ vendors: number; active: number; people: number; overdue: number }>(
      `select (select count(*)::int from vendors where org_id = :org::uuid and created_at <= :snapshot::timestamptz) as vendors,
  (select count(*)::int from vendors where org_id = :org::uuid and status = 'active' and created_at <= :snapshot::timestamptz) as active,
  (select count(*)::int from people where org_id = :org::uuid and created_at <= :snapshot::timestamptz) as people,
  (select count(*)::int from vendors where org_id = :org::uuid and next_review_at < :end::timestamptz::date and status not in ('terminated', 'prospect')) as overdue`,
      params,
    );
    const overdue = await q<{ name: string; next_review_at: string }>(
      `select name, next_review_at::text as next_review_at from vendors
where org_id = :org::uuid and next_review_at < :end::timestamptz::date and status not in ('terminated', 'prospect')
order by next_review_at limit 200`,
      params,
    );
    const tiers = await q<{ tier: string; n: number }>(
      `select tier, count(*)::int as n from vendors where org_id = :org::uuid and created_at <= :snapshot::timestamptz group by tier order by tier`,
      params,
    );
    return {
      title: 'Inventory',
      figures: [
        { label: 'Vendors', value: v?.vendors ?? 0 },
        { label: 'Active vendors', value: v?.active ?? 0 },
        { label: 'People', value: v?.people ?? 0 },
        { label: 'Vendor reviews overdue', value: v?.overdue ?? 0 },
      ],
      rates: [],
      chart: { title: 'Vendors by tier', bars: tiers.map((t) => ({ label: t.tier, value: t.n })) },
      exceptions: overdue.map((o) => ({
        kind: 'Vendor review overdue',
        reference: o.name,
        detail: `next review was due ${o.next_review_at}`,
        at: o.next_review_at,
      })),
    };
  },
};
