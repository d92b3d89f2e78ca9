import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { rowsOf } from '@/server/services/shared/sql-helpers';

export interface OverdueAttestation {
  requestId: string;
  personId: string;
  title: string;
  templateKey: string | null;
  dueDate: string;
}

/**
 * Requests past their due date and still unanswered, in active campaigns: read by the pre-access
 * gate and the risk scorer. Pending ones count too, so a late reminder job cannot hide them.
 */
export async function loadOverdueAttestations(
  tx: Tx,
  orgId: string,
  now: Date,
  personId?: string,
): Promise<OverdueAttestation[]> {
  const rows = rowsOf<{
    request_id: string;
    person_id: string;
    title: string;
    template_key: string | null;
    due_date: string;
  }>(
    await tx.execute(sql`
      select r.id as request_id, r.person_id, c.template->>'title' as title, c.template_key,
        to_char(c.due_at at time zone 'UTC', 'YYYY-MM-DD') as due_date
      from attestation_requests r
      join attestation_campaigns c on c.org_id = r.org_id and c.id = r.campaign_id
      where r.org_id = ${orgId} and c.status = 'active' and r.status in ('pending', 'overdue')
        and c.due_at < ${now.toISOString()}::timestamptz
        ${personId ? sql`and r.person_id = ${personId}` : sql``}
      order by c.due_at, r.id`),
  );
  return rows.map((r) => ({
    requestId: r.request_id,
    personId: r.person_id,
    title: r.title,
    templateKey: r.template_key,
    dueDate: r.due_date,
  }));
}

/** Signed or declined requests whose answers disclosed something, in the last year. */
export async function loadAttestationDisclosures(
  tx: Tx,
  orgId: string,
  now: Date,
): Promise<{ requestId: string; personId: string }[]> {
  const since = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const rows = rowsOf<{ id: string; person_id: string }>(
    await tx.execute(sql`
      select id, person_id from attestation_requests
      where org_id = ${orgId} and disclosures > 0 and responded_at >= ${since}::timestamptz
        and responded_at <= ${now.toISOString()}::timestamptz`),
  );
  return rows.map((r) => ({ requestId: r.id, personId: r.person_id }));
}
