import { evidencePackages } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import type { EvidenceRequest } from '@/server/domain/evidence/inputs';
import { EVIDENCE_SECTION_LABELS } from '@/server/domain/evidence/sections';
import { auditMemberChange } from '@/server/services/audit/log';
import { announceJobs, enqueueJob } from '@/server/services/jobs/queue';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { packageView, type EvidencePackageView } from './package-queries';
import { availableSections } from './populations';

/** Records the request and queues its generation as a durable job; the page polls progress. */
export async function requestEvidencePackage(
  actor: OrgActor,
  req: EvidenceRequest,
): Promise<EvidencePackageView> {
  const available = new Set(availableSections());
  const missing = req.scope.filter((s) => !available.has(s));
  if (missing.length > 0)
    throw new UserFacingError(
      'BAD_REQUEST',
      `Not available yet: ${missing.map((s) => EVIDENCE_SECTION_LABELS[s]).join(', ')}. Leave them out.`,
    );
  // As the owner with the tenant set (forced RLS still binds), so the package, its job and the
  // audit entry commit together: vigil_app has no access to the job queue.
  const view = await withSystem(async (tx) => {
    const [row] = await tx
      .insert(evidencePackages)
      .values({
        orgId: actor.orgId,
        scope: req.scope,
        periodFrom: req.from,
        periodTo: req.to,
        requestedBy: actor.userId,
        requestedByLabel: actor.email,
        progressNote: 'Queued',
      })
      .returning();
    if (!row) throw new Error('evidence package insert returned nothing');
    await enqueueJob(
      'evidence.generate',
      { orgId: actor.orgId, packageId: row.id },
      { dedupeKey: `evidence.generate:${row.id}`, maxAttempts: 3 },
      tx,
    );
    await auditMemberChange(tx, actor, {
      action: 'evidence.request',
      entityType: 'evidence_package',
      entityId: row.id,
      after: { scope: req.scope, from: req.from, to: req.to },
    });
    return packageView(row);
  }, tenantOf(actor));
  announceJobs();
  return view;
}
