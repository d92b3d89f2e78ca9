import {
  personRiskSchema,
  previewRiskWeightsSchema,
  riskWeightsInputSchema,
  vendorRiskSchema,
} from '@/server/domain/risk/inputs';
import {
  PERSON_RISK_READERS,
  RISK_READERS,
  RISK_WEIGHT_EDITORS,
} from '@/server/domain/tenancy/roles';
import { getPersonRisk, getVendorRisk } from '@/server/services/risk/queries';
import {
  getRiskWeights,
  previewRiskWeights,
  updateRiskWeights,
} from '@/server/services/risk/weights';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const riskRouter = createRouter({
  person: orgProcedure(PERSON_RISK_READERS)
    .input(personRiskSchema)
    .query(({ ctx, input }) => getPersonRisk(ctx.actor, input)),
  vendor: orgProcedure(RISK_READERS)
    .input(vendorRiskSchema)
    .query(({ ctx, input }) => getVendorRisk(ctx.actor, input)),
  weights: orgProcedure(RISK_READERS).query(({ ctx }) => getRiskWeights(ctx.actor)),
  previewWeights: orgProcedure(RISK_READERS)
    .input(previewRiskWeightsSchema)
    .query(({ ctx, input }) => previewRiskWeights(ctx.actor, input)),
  updateWeights: orgProcedure(RISK_WEIGHT_EDITORS)
    .input(riskWeightsInputSchema)
    .mutation(({ ctx, input }) => updateRiskWeights(ctx.actor, input)),
});
