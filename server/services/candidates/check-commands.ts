import { and, eq } from 'drizzle-orm';
import { candidateChecks, people } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { RecordCheckInput } from '@/server/domain/candidates/inputs';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

/**
 * Records a manual check's result: who, when and a note (docs/IMPOSTORS.md §The checklist). The
 * latest result stands on the checklist; every recording is in the audit log.
 */
export async function recordCandidateCheck(actor: OrgActor, input: RecordCheckInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [person] = await tx
      .select({ type: people.type })
      .from(people)
      .where(and(eq(people.orgId, actor.orgId), eq(people.id, input.personId)))
      .for('update');
    if (!person) throw new UserFacingError('NOT_FOUND', 'No such candidate in this organization.');
    if (person.type !== 'candidate')
      throw new UserFacingError(
        'PRECONDITION_FAILED',
        'This person is no longer a candidate: their checklist is closed.',
      );
    if (input.result === 'fail' && !input.note)
      throw new UserFacingError('BAD_REQUEST', 'Say what failed: a failed check needs a note.');
    const [before] = await tx
      .select({ result: candidateChecks.result, note: candidateChecks.note })
      .from(candidateChecks)
      .where(
        and(
          eq(candidateChecks.orgId, actor.orgId),
          eq(candidateChecks.personId, input.personId),
          eq(candidateChecks.check, input.check),
        ),
      );
    const row = {
      result: input.result,
      note: input.note || null,
      checkedBy: actor.userId,
      checkedAt: new Date(),
    };
    await tx
      .insert(candidateChecks)
      .values({ orgId: actor.orgId, personId: input.personId, check: input.check, ...row })
      .onConflictDoUpdate({
        target: [candidateChecks.orgId, candidateChecks.personId, candidateChecks.check],
        set: row,
      });
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: 'candidate.check_recorded',
      entityType: 'person',
      entityId: input.personId,
      before: before ?? null,
      after: { check: input.check, result: input.result, note: row.note },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return { ok: true as const };
  });
}
