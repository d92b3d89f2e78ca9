import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { people, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { personStatus } from '@/server/domain/inventory/person';
import type { ReadPeopleInput, ReadVendorsInput } from '@/server/domain/read-api/inputs';
import type { ReadPage, ReadPerson, ReadVendor } from '@/server/domain/read-api/shapes';
import { isoDay } from '@/server/domain/time';
import { afterCursor } from '@/server/services/shared/keyset';
import { escapeLike } from '@/server/services/shared/sql-helpers';
import { iso, isoOrNull, keyScope, pageOf } from './page';

const PERSON_NAME_KEY = sql<string>`lower(${people.fullName})`;

/** People alphabetically (case-insensitive name, then id), as the app's people list. */
export async function readPeople(orgId: string, f: ReadPeopleInput): Promise<ReadPage<ReadPerson>> {
  const today = isoDay(new Date());
  const conditions: SQL[] = [eq(people.orgId, orgId)];
  if (f.type) conditions.push(inArray(people.type, f.type));
  if (f.vendorId) conditions.push(eq(people.vendorId, f.vendorId));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conditions.push(or(ilike(people.fullName, like), ilike(people.email, like))!);
  }
  // The same rule as personStatus: the end date is the last working day.
  const left = sql`(${people.endDate} is not null and ${people.endDate} < ${today}::date)`;
  if (f.status?.includes('active') && !f.status.includes('left')) conditions.push(sql`not ${left}`);
  if (f.status?.includes('left') && !f.status.includes('active')) conditions.push(left);
  const keys = [PERSON_NAME_KEY, sql`${people.id}`];
  if (f.cursor) conditions.push(afterCursor(keys, f.cursor));
  const rows = await withTenant(keyScope(orgId), (tx) =>
    tx
      .select({ person: people, nameKey: PERSON_NAME_KEY })
      .from(people)
      .where(and(...conditions))
      .orderBy(asc(PERSON_NAME_KEY), asc(people.id))
      .limit(f.limit + 1),
  );
  return pageOf(
    rows,
    f.limit,
    ({ person: p }) => ({
      id: p.id,
      email: p.email,
      fullName: p.fullName,
      type: p.type,
      status: personStatus(p.endDate, today),
      vendorId: p.vendorId,
      managerId: p.managerId,
      department: p.department,
      title: p.title,
      country: p.country,
      startDate: p.startDate,
      endDate: p.endDate,
      identityVerifiedAt: isoOrNull(p.identityVerifiedAt),
      backgroundCheckStatus: p.backgroundCheckStatus,
      createdAt: iso(p.createdAt),
      updatedAt: iso(p.updatedAt),
    }),
    (r) => [r.nameKey, r.person.id],
  );
}

const VENDOR_NAME_KEY = sql<string>`lower(${vendors.name})`;

/** Vendors alphabetically (case-insensitive name, then id), as the app's vendor list. */
export async function readVendors(
  orgId: string,
  f: ReadVendorsInput,
): Promise<ReadPage<ReadVendor>> {
  const conditions: SQL[] = [eq(vendors.orgId, orgId)];
  if (f.tier) conditions.push(inArray(vendors.tier, f.tier));
  if (f.status) conditions.push(inArray(vendors.status, f.status));
  const keys = [VENDOR_NAME_KEY, sql`${vendors.id}`];
  if (f.cursor) conditions.push(afterCursor(keys, f.cursor));
  const rows = await withTenant(keyScope(orgId), (tx) =>
    tx
      .select({
        id: vendors.id,
        name: vendors.name,
        country: vendors.country,
        services: vendors.services,
        tier: vendors.tier,
        inherentTier: vendors.inherentTier,
        status: vendors.status,
        dataCategories: vendors.dataCategories,
        contractStart: vendors.contractStart,
        contractEnd: vendors.contractEnd,
        lastReviewAt: vendors.lastReviewAt,
        nextReviewAt: vendors.nextReviewAt,
        createdAt: vendors.createdAt,
        updatedAt: vendors.updatedAt,
        nameKey: VENDOR_NAME_KEY,
      })
      .from(vendors)
      .where(and(...conditions))
      .orderBy(asc(VENDOR_NAME_KEY), asc(vendors.id))
      .limit(f.limit + 1),
  );
  return pageOf(
    rows,
    f.limit,
    ({ nameKey: _k, createdAt, updatedAt, ...v }) => ({
      ...v,
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
    }),
    (r) => [r.nameKey, r.id],
  );
}
