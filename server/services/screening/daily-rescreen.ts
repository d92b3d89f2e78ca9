import { withTenant } from '@/db/tenant';
import { SCHEDULER } from '@/server/services/access/lifecycle';
import { rescreen, type ScreeningRun } from './matches';

/**
 * The daily pass (docs/PRODUCT.md §Screening and watchlists): everyone in the organization,
 * staff and candidates, against the whole watchlist. Changes re-screen at once; this catches
 * what no change announces (a matcher improved by an upgrade, entries that arrived by a feed) and
 * keeps each person's "last screened" date honest. Idempotent: a pair found before is not new.
 */
export async function rescreenOrganization(orgId: string): Promise<ScreeningRun> {
  return withTenant({ orgId, userId: null }, (tx) => rescreen(tx, orgId, SCHEDULER));
}
