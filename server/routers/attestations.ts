import {
  campaignIdSchema,
  declineAttestationSchema,
  launchCampaignSchema,
  listCampaignRequestsSchema,
  personAttestationsSchema,
  previewAudienceSchema,
  requestIdSchema,
  saveTemplateSchema,
  signAttestationSchema,
  templateIdSchema,
} from '@/server/domain/attestations/inputs';
import { ATTESTATION_READERS, ATTESTATION_RUNNERS } from '@/server/domain/tenancy/roles';
import { previewAudience } from '@/server/services/attestations/audience';
import {
  closeCampaign,
  launchCampaign,
  resendRequest,
} from '@/server/services/attestations/campaign-commands';
import {
  getCampaign,
  launchOptions,
  listCampaignRequests,
  listCampaigns,
  personAttestations,
} from '@/server/services/attestations/campaign-queries';
import { declineAttestation, signAttestation } from '@/server/services/attestations/signing';
import { getTemplate, listTemplates, saveTemplate } from '@/server/services/attestations/templates';
import { createRouter, orgProcedure, publicProcedure } from '@/server/trpc/init';

export const attestationsRouter = createRouter({
  templates: orgProcedure(ATTESTATION_READERS).query(({ ctx }) => listTemplates(ctx.actor)),
  template: orgProcedure(ATTESTATION_READERS)
    .input(templateIdSchema)
    .query(({ ctx, input }) => getTemplate(ctx.actor, input)),
  saveTemplate: orgProcedure(ATTESTATION_RUNNERS)
    .input(saveTemplateSchema)
    .mutation(({ ctx, input }) => saveTemplate(ctx.actor, input)),
  campaigns: orgProcedure(ATTESTATION_READERS).query(({ ctx }) => listCampaigns(ctx.actor)),
  campaign: orgProcedure(ATTESTATION_READERS)
    .input(campaignIdSchema)
    .query(({ ctx, input }) => getCampaign(ctx.actor, input)),
  requests: orgProcedure(ATTESTATION_READERS)
    .input(listCampaignRequestsSchema)
    .query(({ ctx, input }) => listCampaignRequests(ctx.actor, input)),
  personHistory: orgProcedure(ATTESTATION_READERS)
    .input(personAttestationsSchema)
    .query(({ ctx, input }) => personAttestations(ctx.actor, input)),
  launchOptions: orgProcedure(ATTESTATION_RUNNERS).query(({ ctx }) => launchOptions(ctx.actor)),
  previewAudience: orgProcedure(ATTESTATION_RUNNERS)
    .input(previewAudienceSchema)
    .query(({ ctx, input }) => previewAudience(ctx.actor, input)),
  launch: orgProcedure(ATTESTATION_RUNNERS)
    .input(launchCampaignSchema)
    .mutation(({ ctx, input }) => launchCampaign(ctx.actor, input)),
  close: orgProcedure(ATTESTATION_RUNNERS)
    .input(campaignIdSchema)
    .mutation(({ ctx, input }) => closeCampaign(ctx.actor, input)),
  resend: orgProcedure(ATTESTATION_RUNNERS)
    .input(requestIdSchema)
    .mutation(({ ctx, input }) => resendRequest(ctx.actor, input)),
  // The signing page needs no account: the single-use token in the input is the credential.
  sign: publicProcedure
    .input(signAttestationSchema)
    .mutation(({ ctx, input }) =>
      signAttestation(input, { ...ctx.meta, userAgent: ctx.meta.userAgent ?? null }),
    ),
  decline: publicProcedure
    .input(declineAttestationSchema)
    .mutation(({ ctx, input }) =>
      declineAttestation(input, { ...ctx.meta, userAgent: ctx.meta.userAgent ?? null }),
    ),
});
