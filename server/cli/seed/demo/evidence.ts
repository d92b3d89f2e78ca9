import { EVIDENCE_SECTIONS } from '@/server/domain/evidence/sections';
import { isoDay } from '@/server/domain/time';
import { runEvidencePackageJob } from '@/server/services/evidence/package-generation';
import { requestEvidencePackage } from '@/server/services/evidence/package-requests';
import type { OrgActor } from '@/server/services/shared/actor';

/**
 * One kept evidence package, requested by the auditor for the year so far, so the evidence page
 * has a package to download and verify. Generated here rather than left to the worker.
 */
export async function seedEvidence(auditor: OrgActor) {
  const to = isoDay(new Date());
  const pkg = await requestEvidencePackage(auditor, {
    from: `${to.slice(0, 4)}-01-01`,
    to,
    scope: [...EVIDENCE_SECTIONS],
  });
  await runEvidencePackageJob({ orgId: auditor.orgId, packageId: pkg.id });
}
