import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { caseEvents, cases } from '@/db/schema';
import {
  caseChangeRefusal,
  caseReference,
  type CaseEventData,
  type CaseEventKind,
  type CaseStatus,
} from '@/server/domain/cases/case';
import { auditMemberChange } from '@/server/services/audit/log';
import type { OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

export interface CaseRow {
  id: string;
  number: number;
  status: CaseStatus;
  reference: string;
}

export async function auditCase(
  tx: Tx,
  actor: OrgActor,
  action: string,
  caseId: string,
  before: unknown,
  after: unknown,
) {
  await auditMemberChange(tx, actor, {
    action,
    entityType: 'case',
    entityId: caseId,
    before,
    after,
  });
}

export async function addEvent(
  tx: Tx,
  actor: OrgActor,
  caseId: string,
  kind: CaseEventKind,
  data: CaseEventData,
  body: string | null = null,
) {
  await tx.insert(caseEvents).values({
    orgId: actor.orgId,
    caseId,
    kind,
    actorUserId: actor.userId,
    body,
    data,
  });
}

/** Locks the case for a change and refuses roles and states that may not change it. */
export async function lockCase(tx: Tx, actor: OrgActor, caseId: string): Promise<CaseRow> {
  const [row] = await tx
    .select({ id: cases.id, number: cases.number, status: cases.status })
    .from(cases)
    .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, caseId)))
    .for('update');
  if (!row) throw new UserFacingError('NOT_FOUND', 'No such case in this organization.');
  const refusal = caseChangeRefusal(actor.role, row.status);
  if (refusal)
    throw new UserFacingError(row.status === 'closed' ? 'CONFLICT' : 'FORBIDDEN', refusal);
  return { ...row, reference: caseReference(row.number) };
}
