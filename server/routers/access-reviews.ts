import {
  campaignIdSchema,
  campaignPageSchema,
  createCampaignSchema,
  decideItemsSchema,
  listReviewItemsSchema,
  reassignItemSchema,
  scopeCountSchema,
} from '@/server/domain/access-reviews/inputs';
import {
  ACCESS_REVIEWERS,
  CAMPAIGN_READERS,
  CAMPAIGN_RUNNERS,
  REVIEW_INBOX_READERS,
} from '@/server/domain/tenancy/roles';
import {
  createCampaign,
  deleteDraftCampaign,
  launchCampaign,
} from '@/server/services/access-reviews/campaign-commands';
import {
  getCampaign,
  listCampaigns,
  reviewerOptions,
} from '@/server/services/access-reviews/campaign-queries';
import { countGrantsInScope } from '@/server/services/access-reviews/campaign-scope';
import {
  decideReviewItems,
  reassignReviewItem,
} from '@/server/services/access-reviews/item-decisions';
import { listReviewItems } from '@/server/services/access-reviews/item-queries';
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
