import { organizations } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import type { ChainVerification } from '@/server/domain/audit/chain';
import { verifyAuditChainAsSystem } from '@/server/services/audit/audit-queries';

export interface RestoredChain {
  slug: string;
  verification: ChainVerification;
}

/** After a restore: every organization's audit chain, recomputed from the restored rows. */
export async function verifyEveryAuditChain(): Promise<RestoredChain[]> {
  const orgs = await withSystem((tx) =>
    tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations),
  );
  const chains: RestoredChain[] = [];
  for (const org of orgs.sort((a, b) => a.slug.localeCompare(b.slug)))
    chains.push({ slug: org.slug, verification: await verifyAuditChainAsSystem(org.id) });
  return chains;
}
