import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { people, personRiskScores } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ReadRiskPeopleInput } from '@/server/domain/read-api/inputs';
import type { ReadPage, ReadPersonRisk } from '@/server/domain/read-api/shapes';
import { iso, keyScope, pageOf } from './page';

/** Current person scores, riskiest first (the `person_risk_scores_top_idx` order, docs/RISK.md). */
export async function readRiskPeople(
  orgId: string,
  f: ReadRiskPeopleInput,
): Promise<ReadPage<ReadPersonRisk>> {
  const conditions: SQL[] = [eq(personRiskScores.orgId, orgId)];
  if (f.band) conditions.push(inArray(personRiskScores.band, f.band));
  if (f.minScore !== undefined) conditions.push(gte(personRiskScores.risk, f.minScore));
  if (f.cursor)
    conditions.push(
      sql`(${personRiskScores.risk}, ${personRiskScores.personId}) < (${f.cursor[0]}::float8, ${f.cursor[1]}::uuid)`,
    );
  const rows = await withTenant(keyScope(orgId), (tx) =>
    tx
      .select({
        personId: personRiskScores.personId,
        fullName: people.fullName,
        email: people.email,
        risk: personRiskScores.risk,
        band: personRiskScores.band,
        bribery: personRiskScores.bribery,
        briberyBand: personRiskScores.briberyBand,
        compromise: personRiskScores.compromise,
        compromiseBand: personRiskScores.compromiseBand,
        computedAt: personRiskScores.computedAt,
      })
      .from(personRiskScores)
      .innerJoin(
        people,
        and(eq(people.orgId, personRiskScores.orgId), eq(people.id, personRiskScores.personId)),
      )
      .where(and(...conditions))
      .orderBy(desc(personRiskScores.risk), desc(personRiskScores.personId))
      .limit(f.limit + 1),
  );
  return pageOf(
    rows,
    f.limit,
    (r) => ({ ...r, computedAt: iso(r.computedAt) }),
    (r) => [r.risk, r.personId],
  );
}
