import { and, eq, inArray, isNull, max } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  organizations,
  people,
  personIdentifiers,
  watchlistEntries,
  watchlistMatches,
} from '@/db/schema';
import {
  buildSharedObjects,
  type CollectionObject,
  type SharedProfile,
} from '@/server/domain/indicators/bundle';
import { readOrgSettings } from '@/server/domain/tenancy/settings';

/** The label confirmed impostors among staff carry in exports and the source filter. */
export const CONFIRMED_SOURCE = 'confirmed impostor';

export interface CollectionOptions {
  /** Watchlist sources to include; undefined: all. */
  sources?: string[];
  includeConfirmed: boolean;
  /** Undefined: the organization's sharing setting. */
  hashed?: boolean;
}

export interface SharedCollection {
  objects: CollectionObject[];
  skipped: number;
  hashed: boolean;
  settingHashed: boolean;
}

/**
 * The organization's shareable indicators (docs/IMPOSTORS.md §Exported bundles): its watchlist
 * entries and the identifiers of staff whose match was confirmed, inside the caller's
 * transaction.
 */
export async function loadSharedCollection(
  tx: Tx,
  orgId: string,
  options: CollectionOptions,
): Promise<SharedCollection> {
  const [org] = await tx
    .select({
      name: organizations.name,
      createdAt: organizations.createdAt,
      settings: organizations.settings,
    })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!org) throw new Error('organization not found');
  const settingHashed = readOrgSettings(org.settings).indicatorSharing.hashed;
  const hashed = options.hashed ?? settingHashed;
  const wanted = options.sources?.filter((s) => s !== CONFIRMED_SOURCE);
  const entries =
    wanted && wanted.length === 0
      ? []
      : await tx
          .select()
          .from(watchlistEntries)
          .where(
            wanted
              ? and(eq(watchlistEntries.orgId, orgId), inArray(watchlistEntries.source, wanted))
              : eq(watchlistEntries.orgId, orgId),
          );
  const profiles: SharedProfile[] = entries.map((e) => ({
    key: `entry:${e.id}`,
    name: e.name,
    aliases: e.aliases,
    source: e.source,
    identifiers: e.identifiers as { kind: string; value: string }[],
    created: e.createdAt,
    modified: e.updatedAt,
  }));
  const confirmed =
    options.includeConfirmed && (!options.sources || options.sources.includes(CONFIRMED_SOURCE))
      ? await tx
          .select({
            id: people.id,
            fullName: people.fullName,
            createdAt: people.createdAt,
            confirmedAt: max(watchlistMatches.reviewedAt),
          })
          .from(watchlistMatches)
          .innerJoin(
            people,
            and(eq(people.orgId, watchlistMatches.orgId), eq(people.id, watchlistMatches.personId)),
          )
          .where(
            and(
              eq(watchlistMatches.orgId, orgId),
              eq(watchlistMatches.status, 'confirmed'),
              isNull(people.erasedAt),
            ),
          )
          .groupBy(people.id, people.fullName, people.createdAt)
      : [];
  if (confirmed.length) {
    const ids = await tx
      .select({
        personId: personIdentifiers.personId,
        kind: personIdentifiers.kind,
        value: personIdentifiers.value,
      })
      .from(personIdentifiers)
      .where(
        and(
          eq(personIdentifiers.orgId, orgId),
          inArray(
            personIdentifiers.personId,
            confirmed.map((c) => c.id),
          ),
        ),
      );
    for (const c of confirmed) {
      const confirmedAt = c.confirmedAt ? new Date(c.confirmedAt) : c.createdAt;
      profiles.push({
        key: `person:${c.id}`,
        name: c.fullName,
        aliases: [],
        source: CONFIRMED_SOURCE,
        identifiers: ids
          .filter((i) => i.personId === c.id)
          .map((i) => ({ kind: i.kind, value: i.value })),
        created: confirmedAt,
        modified: confirmedAt,
      });
    }
  }
  const { objects, skipped } = buildSharedObjects({
    orgId,
    orgName: org.name,
    orgCreated: org.createdAt,
    hashed,
    profiles,
  });
  return { objects, skipped, hashed, settingHashed };
}
