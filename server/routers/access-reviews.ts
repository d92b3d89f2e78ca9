import {
  campaignIdSchema,
  campaignPageSchema,
  createCampaignSchema,
  decideItemsSchema,
  listReviewItemsSchema,
  reassignItemSchema,
  scopeCountSchema,
} from '@/server/domain/access-reviews/campaign';
import {
  ACCESS_REVIEWERS,
  CAMPAIGN_READERS,
  CAMPAIGN_RUNNERS,
  REVIEW_INBOX_READERS,
} from '@/server/domain/tenancy/roles';
import {
  getCampaign,
  listCampaigns,
  listReviewItems,
  reviewerOptions,
} from '@/server/services/access-reviews/queries';
import {
  countGrantsInScope,
  createCampaign,
  decideReviewItems,
  deleteDraftCampaign,
  launchCampaign,
  reassignReviewItem,
} from '@/server/services/access-reviews/commands';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const accessReviewsRouter = createRouter({
  inbox: orgProcedure(REVIEW_INBOX_READERS)
    .input(listReviewItemsSchema)
    .query(({ ctx, input }) => listReviewItems(ctx.actor, input)),
  decide: orgProcedure(ACCESS_REVIEWERS)
    .input(decideItemsSchema)
    .mutation(({ ctx, input }) => decideReviewItems(ctx.actor, input)),
  campaigns: orgProcedure(CAMPAIGN_READERS).query(({ ctx }) => listCampaigns(ctx.actor)),
  campaign: orgProcedure(CAMPAIGN_READERS)
    .input(campaignPageSchema)
    .query(({ ctx, input }) => getCampaign(ctx.actor, input)),
  scopeCount: orgProcedure(CAMPAIGN_RUNNERS)
    .input(scopeCountSchema)
    .query(({ ctx, input }) => countGrantsInScope(ctx.actor, input)),
  reviewerOptions: orgProcedure(CAMPAIGN_RUNNERS).query(({ ctx }) => reviewerOptions(ctx.actor)),
  create: orgProcedure(CAMPAIGN_RUNNERS)
    .input(createCampaignSchema)
    .mutation(({ ctx, input }) => createCampaign(ctx.actor, input)),
  launch: orgProcedure(CAMPAIGN_RUNNERS)
    .input(campaignIdSchema)
    .mutation(({ ctx, input }) => launchCampaign(ctx.actor, input)),
  deleteDraft: orgProcedure(CAMPAIGN_RUNNERS)
    .input(campaignIdSchema)
    .mutation(({ ctx, input }) => deleteDraftCampaign(ctx.actor, input)),
  reassign: orgProcedure(CAMPAIGN_RUNNERS)
    .input(reassignItemSchema)
    .mutation(({ ctx, input }) => reassignReviewItem(ctx.actor, input)),
});
