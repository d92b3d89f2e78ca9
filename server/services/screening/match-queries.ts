import { and, desc, eq, sql } from 'drizzle-orm';
import { people, users, vendors, watchlistEntries, watchlistMatches } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ListMatchesInput } from '@/server/domain/screening/inputs';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';

export async function listMatches(actor: OrgActor, f: ListMatchesInput) {
  const conditions = [
    eq(watchlistMatches.orgId, actor.orgId),
    eq(watchlistMatches.status, f.status),
  ];
  if (f.personId) conditions.push(eq(watchlistMatches.personId, f.personId));
  return withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: watchlistMatches.id,
        matchedOn: watchlistMatches.matchedOn,
        similarity: watchlistMatches.similarity,
        status: watchlistMatches.status,
        reviewReason: watchlistMatches.reviewReason,
        reviewedAt: watchlistMatches.reviewedAt,
        // Null when the reviewer has since left the organization (users are visible per tenant).
        reviewedByName: users.name,
        createdAt: watchlistMatches.createdAt,
        person: {
          id: people.id,
          fullName: people.fullName,
          email: people.email,
          type: people.type,
          vendorName: vendors.name,
        },
        entry: {
          id: watchlistEntries.id,
          name: watchlistEntries.name,
          aliases: watchlistEntries.aliases,
          source: watchlistEntries.source,
          notes: watchlistEntries.notes,
        },
      })
      .from(watchlistMatches)
      .innerJoin(
        people,
        and(eq(people.orgId, watchlistMatches.orgId), eq(people.id, watchlistMatches.personId)),
      )
      .leftJoin(vendors, and(eq(vendors.orgId, people.orgId), eq(vendors.id, people.vendorId)))
      .leftJoin(users, eq(users.id, watchlistMatches.reviewedBy))
      .innerJoin(
        watchlistEntries,
        and(
          eq(watchlistEntries.orgId, watchlistMatches.orgId),
          eq(watchlistEntries.id, watchlistMatches.entryId),
        ),
      )
      .where(and(...conditions))
      .orderBy(desc(watchlistMatches.similarity), desc(watchlistMatches.createdAt))
      .limit(500),
  );
}

export async function listWatchlist(actor: OrgActor) {
  return withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: watchlistEntries.id,
        source: watchlistEntries.source,
        name: watchlistEntries.name,
        aliases: watchlistEntries.aliases,
        identifiers: watchlistEntries.identifiers,
        notes: watchlistEntries.notes,
        updatedAt: watchlistEntries.updatedAt,
        matches: sql<number>`(select count(*)::int from ${watchlistMatches} m where m.org_id = "watchlist_entries"."org_id" and m.entry_id = "watchlist_entries"."id")`,
      })
      .from(watchlistEntries)
      .where(eq(watchlistEntries.orgId, actor.orgId))
      .orderBy(watchlistEntries.source, watchlistEntries.name)
      .limit(2000),
  );
}

export async function screeningCounts(actor: OrgActor) {
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({ status: watchlistMatches.status, n: sql<number>`count(*)::int` })
      .from(watchlistMatches)
      .where(eq(watchlistMatches.orgId, actor.orgId))
      .groupBy(watchlistMatches.status),
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<
    Record<'open' | 'confirmed' | 'false_positive', number>
  >;
}
