import { sql } from 'drizzle-orm';
import { personIdentifiers } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { checkSummary } from '@/server/domain/candidates/checks';
import { blockingReasons } from '@/server/domain/candidates/gate';
import type { CandidateIdInput, ListCandidatesInput } from '@/server/domain/candidates/inputs';
import { maskIdentifierValue } from '@/server/domain/inventory/identifier-values';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { candidateChecklists, loadCandidates } from './facts';

async function identifiersOf(
  tx: Parameters<Parameters<typeof withTenant>[1]>[0],
  orgId: string,
  ids: string[],
) {
  if (ids.length === 0) return [];
  return tx
    .select({
      personId: personIdentifiers.personId,
      kind: personIdentifiers.kind,
      value: personIdentifiers.value,
    })
    .from(personIdentifiers)
    .where(
      sql`${personIdentifiers.orgId} = ${orgId} and ${personIdentifiers.personId} = any(${sql.param(ids)}::text[]::uuid[])`,
    );
}

/** The candidates page: each candidate with their identifiers and a count of checks by result. */
export async function listCandidates(actor: OrgActor, input: ListCandidatesInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const list = await loadCandidates(tx, actor.orgId, { status: input.status });
    const checks = await candidateChecklists(tx, actor.orgId, list, new Date());
    const ids = await identifiersOf(
      tx,
      actor.orgId,
      list.map((c) => c.id),
    );
    return list.map((c) => ({
      id: c.id,
      fullName: c.fullName,
      email: c.email,
      type: c.type,
      stage: c.stage,
      role: c.role ?? c.title,
      recruiter: c.recruiter,
      hiredAt: c.hiredAt,
      identifiers: ids
        .filter((i) => i.personId === c.id && i.kind !== 'email')
        .map((i) => ({ kind: i.kind, value: maskIdentifierValue(i.kind, i.value) })),
      summary: checkSummary(checks.get(c.id) ?? []),
    }));
  });
}

/** One candidate's page: profile, identifiers, the checklist, and what stands in the hire's way. */
export async function getCandidate(actor: OrgActor, { personId }: CandidateIdInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [c] = await loadCandidates(tx, actor.orgId, { personId, status: 'all' });
    if (!c) throw new UserFacingError('NOT_FOUND', 'No such candidate in this organization.');
    const checks = (await candidateChecklists(tx, actor.orgId, [c], new Date())).get(c.id) ?? [];
    const ids = await identifiersOf(tx, actor.orgId, [c.id]);
    return {
      ...c,
      overriddenChecks: Array.isArray(c.overriddenChecks) ? (c.overriddenChecks as string[]) : [],
      identifiers: ids.map((i) => ({ kind: i.kind, value: maskIdentifierValue(i.kind, i.value) })),
      checks,
      blocking: c.type === 'candidate' ? blockingReasons(checks) : [],
    };
  });
}
