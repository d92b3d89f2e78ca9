import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { casePeople, caseSignals, caseVendors, cases, people, signals, vendors } from '@/db/schema';
import {
  caseReference,
  ESCALATABLE_SIGNAL_STATUSES,
  type CaseEventData,
} from '@/server/domain/cases/case';
import { auditMemberChange } from '@/server/services/audit/log';
import { recordSignalEvents } from '@/server/services/outbound/events';
import type { OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import type { CaseRow } from './case-changes';

interface Subjects {
  signalIds: string[];
  personIds: string[];
  vendorIds: string[];
}

/**
 * Links signals, people and vendors to a case inside the caller's transaction. Signals are
 * marked escalated and bring their person and vendor along, so every action has its subject.
 * Returns what was newly added.
 */
export async function linkSubjects(tx: Tx, actor: OrgActor, c: CaseRow, s: Subjects) {
  const personIds = new Set(s.personIds);
  const vendorIds = new Set(s.vendorIds);
  const signalIds = [...new Set(s.signalIds)];
  const addedSignals: { id: string; kind: string }[] = [];
  if (signalIds.length > 0) {
    const found = await tx
      .select({
        id: signals.id,
        kind: signals.kind,
        status: signals.status,
        personId: signals.personId,
        vendorId: signals.vendorId,
      })
      .from(signals)
      .where(and(eq(signals.orgId, actor.orgId), inArray(signals.id, signalIds)))
      .for('update');
    if (found.length !== signalIds.length)
      throw new UserFacingError('NOT_FOUND', 'One or more of those signals do not exist here.');
    const linked = await tx
      .select({ signalId: caseSignals.signalId, number: cases.number })
      .from(caseSignals)
      .innerJoin(cases, and(eq(cases.orgId, caseSignals.orgId), eq(cases.id, caseSignals.caseId)))
      .where(and(eq(caseSignals.orgId, actor.orgId), inArray(caseSignals.signalId, signalIds)));
    const other = linked.find((l) => l.number !== c.number);
    if (other)
      throw new UserFacingError(
        'CONFLICT',
        `A signal you chose is already part of ${caseReference(other.number)}.`,
      );
    const already = new Set(linked.map((l) => l.signalId));
    for (const sig of found) {
      personIds.add(sig.personId);
      if (sig.vendorId) vendorIds.add(sig.vendorId);
      if (already.has(sig.id)) continue;
      if (!(ESCALATABLE_SIGNAL_STATUSES as readonly string[]).includes(sig.status))
        throw new UserFacingError(
          'CONFLICT',
          `A ${sig.kind.replace(/_/g, ' ')} signal you chose is ${sig.status}: reopen it before escalating.`,
        );
      addedSignals.push({ id: sig.id, kind: sig.kind });
    }
    if (addedSignals.length > 0) {
      const now = new Date();
      const ids = addedSignals.map((a) => a.id);
      const before = new Map(found.map((f) => [f.id, f.status]));
      await tx
        .update(signals)
        .set({
          status: 'escalated',
          statusReason: `Escalated to ${c.reference}`,
          statusBy: actor.userId,
          statusAt: now,
          updatedAt: now,
        })
        .where(and(eq(signals.orgId, actor.orgId), inArray(signals.id, ids)));
      await tx.insert(caseSignals).values(
        ids.map((signalId) => ({
          orgId: actor.orgId,
          caseId: c.id,
          signalId,
          addedBy: actor.userId,
        })),
      );
      for (const a of addedSignals)
        await auditMemberChange(tx, actor, {
          action: 'signal.escalate',
          entityType: 'signal',
          entityId: a.id,
          before: { status: before.get(a.id) },
          after: { status: 'escalated', caseId: c.id, case: c.reference },
        });
      await recordSignalEvents(tx, actor.orgId, 'signal.escalated', ids, {
        id: c.id,
        reference: c.reference,
      });
    }
  }
  let addedPeople: { id: string; name: string }[] = [];
  if (personIds.size > 0) {
    const found = await tx
      .select({ id: people.id, name: people.fullName })
      .from(people)
      .where(and(eq(people.orgId, actor.orgId), inArray(people.id, [...personIds])));
    if (found.length !== personIds.size)
      throw new UserFacingError('NOT_FOUND', 'One or more of those people do not exist here.');
    const inserted = await tx
      .insert(casePeople)
      .values(
        found.map((p) => ({
          orgId: actor.orgId,
          caseId: c.id,
          personId: p.id,
          addedBy: actor.userId,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: casePeople.personId });
    const ids = new Set(inserted.map((i) => i.id));
    addedPeople = found.filter((p) => ids.has(p.id));
  }
  let addedVendors: { id: string; name: string }[] = [];
  if (vendorIds.size > 0) {
    const found = await tx
      .select({ id: vendors.id, name: vendors.name })
      .from(vendors)
      .where(and(eq(vendors.orgId, actor.orgId), inArray(vendors.id, [...vendorIds])));
    if (found.length !== vendorIds.size)
      throw new UserFacingError('NOT_FOUND', 'One or more of those vendors do not exist here.');
    const inserted = await tx
      .insert(caseVendors)
      .values(
        found.map((v) => ({
          orgId: actor.orgId,
          caseId: c.id,
          vendorId: v.id,
          addedBy: actor.userId,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: caseVendors.vendorId });
    const ids = new Set(inserted.map((i) => i.id));
    addedVendors = found.filter((v) => ids.has(v.id));
  }
  return { signals: addedSignals, people: addedPeople, vendors: addedVendors };
}

type Added = Awaited<ReturnType<typeof linkSubjects>>;
export const subjectsData = (a: Added): CaseEventData => ({
  signals: a.signals,
  people: a.people,
  vendors: a.vendors,
});
