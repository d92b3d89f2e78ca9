import {
  evidencePackageIdSchema,
  evidenceRequestSchema,
  packageByManifestSchema,
} from '@/server/domain/evidence/inputs';
import { EVIDENCE_EXPORTERS } from '@/server/domain/tenancy/roles';
import {
  evidenceSectionOptions,
  findPackageByManifest,
  getEvidencePackage,
  listEvidencePackages,
} from '@/server/services/evidence/package-queries';
import { requestEvidencePackage } from '@/server/services/evidence/package-requests';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const evidenceRouter = createRouter({
  sections: orgProcedure(EVIDENCE_EXPORTERS).query(() => evidenceSectionOptions()),
  list: orgProcedure(EVIDENCE_EXPORTERS).query(({ ctx }) => listEvidencePackages(ctx.actor)),
  get: orgProcedure(EVIDENCE_EXPORTERS)
    .input(evidencePackageIdSchema)
    .query(({ ctx, input }) => getEvidencePackage(ctx.actor, input)),
  byManifest: orgProcedure(EVIDENCE_EXPORTERS)
    .input(packageByManifestSchema)
    .query(({ ctx, input }) => findPackageByManifest(ctx.actor, input.manifestSha256)),
  generate: orgProcedure(EVIDENCE_EXPORTERS)
    .input(evidenceRequestSchema)
    .mutation(({ ctx, input }) => requestEvidencePackage(ctx.actor, input)),
});
