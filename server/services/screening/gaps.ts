import { sql } from 'drizzle-orm';
import { withTenant } from '@/db/tenant';
import { evaluateAccessGate } from '@/server/domain/access/access-gate';
import { isoDay } from '@/server/domain/time';
import { loadOverdueAttestations } from '@/server/services/attestations/facts';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { upsertProductSignal } from '@/server/services/signals/product-signals';

interface GapRow {
  id: string;
  full_name: string;
  end_date: string | null;
  identity_verified_at: string | null;
  background_check_status: string;
  last_screened_at: string | null;
  vendor_id: string | null;
  vendor_name: string | null;
  vendor_status: string | null;
  contract_end: string | null;
  next_review_at: string | null;
  open_matches: number;
  confirmed_matches: number;
  critical_grants: number;
  privileged_grants: number;
}

/**
 * `screening_gap` (docs/DETECTORS.md §Signal kinds): privileged access (high or critical) held by
 * someone the pre-access gate would refuse today — unscreened, on the watchlist, gone, overdue on
 * an attestation, or with a vendor whose contract or review lapsed. One signal per person,
 * refreshed while the gap lasts.
 */
export async function raiseScreeningGaps(orgId: string, now = new Date()): Promise<number> {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const rows = rowsOf<GapRow>(
      await tx.execute(sql`
        select p.id, p.full_name, p.end_date::text, p.identity_verified_at, p.background_check_status,
          p.last_screened_at, p.vendor_id, v.name as vendor_name, v.status as vendor_status,
          v.contract_end::text, v.next_review_at::text,
          (select count(*)::int from watchlist_matches m where m.org_id = p.org_id and m.person_id = p.id and m.status = 'open') as open_matches,
          (select count(*)::int from watchlist_matches m where m.org_id = p.org_id and m.person_id = p.id and m.status = 'confirmed') as confirmed_matches,
          count(*) filter (where pr.sensitivity = 'critical')::int as critical_grants,
          count(*)::int as privileged_grants
        from access_grants g
        join people p on p.org_id = g.org_id and p.id = g.person_id
        join privileges pr on pr.org_id = g.org_id and pr.id = g.privilege_id
        left join vendors v on v.org_id = p.org_id and v.id = p.vendor_id
        where g.org_id = ${orgId} and g.status = 'active' and pr.sensitivity in ('high', 'critical')
        group by p.org_id, p.id, v.org_id, v.id`),
    );
    const overdueByPerson = new Map<string, { title: string; dueDate: string }[]>();
    for (const a of await loadOverdueAttestations(tx, orgId, now)) {
      const list = overdueByPerson.get(a.personId) ?? [];
      list.push({ title: a.title, dueDate: a.dueDate });
      overdueByPerson.set(a.personId, list);
    }
    const today = isoDay(now);
    let raised = 0;
    for (const r of rows) {
      const findings = evaluateAccessGate({
        today,
        person: {
          fullName: r.full_name,
          endDate: r.end_date,
          identityVerifiedAt: r.identity_verified_at ? new Date(r.identity_verified_at) : null,
          backgroundCheckStatus: r.background_check_status,
          lastScreenedAt: r.last_screened_at ? new Date(r.last_screened_at) : null,
        },
        vendor: r.vendor_id
          ? {
              name: r.vendor_name!,
              status: r.vendor_status!,
              contractEnd: r.contract_end,
              nextReviewAt: r.next_review_at,
            }
          : null,
        watchlist: { open: r.open_matches, confirmed: r.confirmed_matches },
        toxicConflicts: [],
        overdueAttestations: overdueByPerson.get(r.id) ?? [],
      });
      if (findings.length === 0) continue;
      raised += 1;
      await upsertProductSignal(tx, orgId, {
        kind: 'screening_gap',
        personId: r.id,
        vendorId: r.vendor_id,
        severity: r.confirmed_matches > 0 ? 'critical' : r.critical_grants > 0 ? 'high' : 'medium',
        dedupeKey: `screening_gap:${r.id}`,
        explanation: `${r.full_name} holds ${r.privileged_grants} high or critical grant${r.privileged_grants === 1 ? '' : 's'} while: ${findings.map((f) => f.message).join(' ')}`,
        stats: {
          privilegedGrants: r.privileged_grants,
          criticalGrants: r.critical_grants,
          reasons: findings.map((f) => f.code).join(', '),
        },
        at: now,
      });
    }
    return raised;
  });
}
