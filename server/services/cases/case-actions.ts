import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  accessGrants,
  casePeople,
  caseVendors,
  people,
  privileges,
  systems,
  watchlistMatches,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { CaseEventData } from '@/server/domain/cases/case';
import type {
  RescreenPersonActionInput,
  RevokeGrantActionInput,
  SuspendVendorActionInput,
} from '@/server/domain/cases/inputs';
import { revokeAccessGrantIn } from '@/server/services/access/grant-changes';
import { auditMemberChange, userActor } from '@/server/services/audit/log';
import { changeVendorStatusIn } from '@/server/services/inventory/vendor-commands';
import { thenRecompute } from '@/server/services/risk/triggers';
import { rescreen } from '@/server/services/screening/matches';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { addEvent, auditCase, lockCase, type CaseRow } from './case-changes';

async function assertPersonInCase(tx: Tx, actor: OrgActor, c: CaseRow, personId: string) {
  const [row] = await tx
    .select({ name: people.fullName })
    .from(casePeople)
    .innerJoin(people, and(eq(people.orgId, casePeople.orgId), eq(people.id, casePeople.personId)))
    .where(
      and(
        eq(casePeople.orgId, actor.orgId),
        eq(casePeople.caseId, c.id),
        eq(casePeople.personId, personId),
      ),
    );
  if (!row)
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      `That person is not a subject of ${c.reference}; add them to the case first.`,
    );
  return row.name;
}

/** Revokes a grant held by a person in the case, through the access service's own path. */
export async function revokeGrantFromCase(actor: OrgActor, f: RevokeGrantActionInput) {
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const c = await lockCase(tx, actor, f.caseId);
      const [grant] = await tx
        .select({
          personId: accessGrants.personId,
          system: systems.name,
          privilege: privileges.name,
        })
        .from(accessGrants)
        .innerJoin(
          systems,
          and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
        )
        .innerJoin(
          privileges,
          and(
            eq(privileges.orgId, accessGrants.orgId),
            eq(privileges.id, accessGrants.privilegeId),
          ),
        )
        .where(and(eq(accessGrants.orgId, actor.orgId), eq(accessGrants.id, f.grantId)));
      if (!grant) throw new UserFacingError('NOT_FOUND', 'No such access grant.');
      const personName = await assertPersonInCase(tx, actor, c, grant.personId);
      const result = await revokeAccessGrantIn(tx, actor, {
        grantId: f.grantId,
        reason: `${c.reference}: ${f.reason}`,
      });
      const data: CaseEventData = {
        action: 'revoke_grant',
        target: {
          grantId: f.grantId,
          person: personName,
          system: grant.system,
          privilege: grant.privilege,
        },
        result: { status: result.status, from: result.fromStatus },
      };
      await addEvent(tx, actor, c.id, 'action', data, f.reason);
      await auditCase(tx, actor, 'case.action', c.id, null, { ...data, reason: f.reason });
      return { action: 'revoke_grant' as const, ...result };
    }),
  );
}

/** Suspends a vendor in the case; its people's live grants are revoked (vendor-service). */
export async function suspendVendorFromCase(actor: OrgActor, f: SuspendVendorActionInput) {
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const c = await lockCase(tx, actor, f.caseId);
      const [inCase] = await tx
        .select({ id: caseVendors.vendorId })
        .from(caseVendors)
        .where(
          and(
            eq(caseVendors.orgId, actor.orgId),
            eq(caseVendors.caseId, c.id),
            eq(caseVendors.vendorId, f.vendorId),
          ),
        );
      if (!inCase)
        throw new UserFacingError(
          'PRECONDITION_FAILED',
          `That vendor is not a subject of ${c.reference}; add it to the case first.`,
        );
      const result = await changeVendorStatusIn(tx, actor, {
        vendorId: f.vendorId,
        status: 'suspended',
        reason: `${c.reference}: ${f.reason}`,
      });
      const data: CaseEventData = {
        action: 'suspend_vendor',
        target: { vendorId: f.vendorId, vendor: result.vendorName },
        result: {
          from: result.fromStatus,
          status: 'suspended',
          revokedGrants: result.revokedGrants,
        },
      };
      await addEvent(tx, actor, c.id, 'action', data, f.reason);
      await auditCase(tx, actor, 'case.action', c.id, null, { ...data, reason: f.reason });
      return { action: 'suspend_vendor' as const, revokedGrants: result.revokedGrants };
    }),
  );
}

/**
 * Re-screens a person in the case against the whole watchlist now (screening-service's matcher,
 * the same run an import triggers): new candidate matches open for review and block the gate.
 */
export async function rescreenPersonFromCase(actor: OrgActor, f: RescreenPersonActionInput) {
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const c = await lockCase(tx, actor, f.caseId);
      const personName = await assertPersonInCase(tx, actor, c, f.personId);
      const run = await rescreen(tx, actor.orgId, userActor(actor), [f.personId]);
      const [open] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(watchlistMatches)
        .where(
          and(
            eq(watchlistMatches.orgId, actor.orgId),
            eq(watchlistMatches.personId, f.personId),
            eq(watchlistMatches.status, 'open'),
          ),
        );
      const data: CaseEventData = {
        action: 'rescreen_person',
        target: { personId: f.personId, person: personName },
        result: { newMatches: run.newMatches, openMatches: open?.n ?? 0 },
      };
      await addEvent(tx, actor, c.id, 'action', data);
      await auditMemberChange(tx, actor, {
        action: 'screening.rescreened',
        entityType: 'person',
        entityId: f.personId,
        after: { case: c.reference, newMatches: run.newMatches },
      });
      await auditCase(tx, actor, 'case.action', c.id, null, data);
      return { action: 'rescreen_person' as const, ...run, openMatches: open?.n ?? 0 };
    }),
  );
}
