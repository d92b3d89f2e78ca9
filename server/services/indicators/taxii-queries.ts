import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { CollectionObject } from '@/server/domain/indicators/bundle';
import { loadSharedCollection } from './shared-collection';

export interface TaxiiCollectionData {
  orgName: string;
  hashed: boolean;
  objects: CollectionObject[];
}

/**
 * The organization's shared collection as TAXII serves it (docs/IMPOSTORS.md §TAXII 2.1 server):
 * every watchlist entry and confirmed impostor, hashed or not by the organization's setting.
 */
export async function readTaxiiCollection(orgId: string): Promise<TaxiiCollectionData> {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const [org] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    const collection = await loadSharedCollection(tx, orgId, { includeConfirmed: true });
    return { orgName: org?.name ?? '', hashed: collection.hashed, objects: collection.objects };
  });
}
