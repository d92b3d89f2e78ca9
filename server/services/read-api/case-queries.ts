import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { casePeople, caseSignals, caseVendors, cases, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { caseReference } from '@/server/domain/cases/case';
import type { ReadCasesInput } from '@/server/domain/read-api/inputs';
import type { ReadCase, ReadPage } from '@/server/domain/read-api/shapes';
import { beforeCursor, microsKey } from '@/server/services/shared/keyset';
import { iso, isoOrNull, keyScope, pageOf } from './page';

const OPENED_KEY = microsKey(cases.openedAt);

// A case's subjects as JSON arrays of ids (both drivers parse JSON alike).
const personIds = sql<
  string[]
>`(select coalesce(json_agg(cp.person_id order by cp.person_id), '[]'::json) from ${casePeople} cp where cp.org_id = ${cases.orgId} and cp.case_id = ${cases.id})`;
const vendorIds = sql<
  string[]
>`(select coalesce(json_agg(cv.vendor_id order by cv.vendor_id), '[]'::json) from ${caseVendors} cv where cv.org_id = ${cases.orgId} and cv.case_id = ${cases.id})`;
const signalIds = sql<
  string[]
>`(select coalesce(json_agg(cs.signal_id order by cs.signal_id), '[]'::json) from ${caseSignals} cs where cs.org_id = ${cases.orgId} and cs.case_id = ${cases.id})`;

/** Cases newest first, as the app's case list. */
export async function readCases(orgId: string, f: ReadCasesInput): Promise<ReadPage<ReadCase>> {
  const conditions: SQL[] = [eq(cases.orgId, orgId)];
  if (f.status) conditions.push(inArray(cases.status, f.status));
  const a = f.assignee;
  if (a?.kind === 'none') conditions.push(sql`${cases.assigneeUserId} is null`);
  if (a?.kind === 'user') conditions.push(eq(cases.assigneeUserId, a.userId));
  if (a?.kind === 'email')
    conditions.push(
      sql`${cases.assigneeUserId} in (select u.id from ${users} u where lower(u.email) = ${a.email})`,
    );
  if (f.cursor) conditions.push(beforeCursor(cases.openedAt, cases.id, f.cursor));
  const rows = await withTenant(keyScope(orgId), (tx) =>
    tx
      .select({
        id: cases.id,
        number: cases.number,
        title: cases.title,
        severity: cases.severity,
        status: cases.status,
        outcome: cases.outcome,
        assigneeUserId: cases.assigneeUserId,
        // Row-level security shows only members of this organization.
        assigneeEmail: users.email,
        personIds,
        vendorIds,
        signalIds,
        openedAt: cases.openedAt,
        closedAt: cases.closedAt,
        updatedAt: cases.updatedAt,
        timeKey: OPENED_KEY,
      })
      .from(cases)
      .leftJoin(users, eq(users.id, cases.assigneeUserId))
      .where(and(...conditions))
      .orderBy(desc(cases.openedAt), desc(cases.id))
      .limit(f.limit + 1),
  );
  return pageOf(
    rows,
    f.limit,
    (c) => ({
      id: c.id,
      reference: caseReference(c.number),
      title: c.title,
      severity: c.severity,
      status: c.status,
      outcome: c.outcome,
      assignee: c.assigneeUserId ? { userId: c.assigneeUserId, email: c.assigneeEmail } : null,
      personIds: c.personIds,
      vendorIds: c.vendorIds,
      signalIds: c.signalIds,
      openedAt: iso(c.openedAt),
      closedAt: isoOrNull(c.closedAt),
      updatedAt: iso(c.updatedAt),
    }),
    (r) => [r.timeKey, r.id],
  );
}
