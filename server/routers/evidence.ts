import { z } from 'zod';
import { evidencePackageIdSchema, evidenceRequestSchema } from '@/server/domain/evidence/sections';
import { EVIDENCE_EXPORTERS } from '@/server/domain/tenancy/roles';
import {
  evidenceSectionOptions,
  findPackageByManifest,
  getEvidencePackage,
  listEvidencePackages,
  requestEvidencePackage,
} from '@/server/services/evidence/packages';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const evidenceRouter = createRouter({
  sections: orgProcedure(EVIDENCE_EXPORTERS).query(() => evidenceSectionOptions()),
  list: orgProcedure(EVIDENCE_EXPORTERS).query(({ ctx }) => listEvidencePackages(ctx.actor)),
  get: orgProcedure(EVIDENCE_EXPORTERS)
    .input(evidencePackageIdSchema)
    .query(({ ctx, input }) => getEvidencePackage(ctx.actor, input)),
  byManifest: orgProcedure(EVIDENCE_EXPORTERS)
    .input(z.object({ manifestSha256: z.string().max(64) }))
    .query(({ ctx, input }) => findPackageByManifest(ctx.actor, input.manifestSha256)),
  generate: orgProcedure(EVIDENCE_EXPORTERS)
    .input(evidenceRequestSchema)
    .mutation(({ ctx, input }) => requestEvidencePackage(ctx.actor, input)),
});
