import { z } from 'zod';
import { campaignScopeSchema, REVIEW_DECISIONS } from './campaign';

const isoDate = z.iso.date('Give a date as YYYY-MM-DD');

export const createCampaignSchema = z.object({
  name: z.string().trim().min(3, 'Name the campaign (at least 3 characters)').max(200),
  scope: campaignScopeSchema,
  dueDate: isoDate,
});
export type CreateCampaignInput = z.output<typeof createCampaignSchema>;

export const campaignIdSchema = z.object({ campaignId: z.uuid() });
export type CampaignIdInput = z.output<typeof campaignIdSchema>;

/** A campaign's page: its items come a page at a time (a cursor from the previous page). */
export const campaignPageSchema = campaignIdSchema.extend({
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
export type CampaignPageInput = z.output<typeof campaignPageSchema>;

export const decideItemsSchema = z
  .object({
    itemIds: z
      .array(z.uuid())
      .min(1, 'Select at least one item')
      .max(200, 'Decide at most 200 items at a time'),
    decision: z.enum(REVIEW_DECISIONS),
    rationale: z.string().trim().max(2000, 'Keep the rationale under 2000 characters').default(''),
    /** For `modify`: the grant's new, earlier end date. */
    expiresOn: isoDate.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision !== 'keep' && d.rationale.length < 5)
      ctx.addIssue({
        code: 'custom',
        path: ['rationale'],
        message: `Give a rationale for ${d.decision === 'revoke' ? 'revoking' : 'shortening'} (at least 5 characters)`,
      });
    if (d.decision === 'modify' && !d.expiresOn)
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Choose the new end date' });
  });
export type DecideItemsInput = z.output<typeof decideItemsSchema>;

export const reassignItemSchema = z.object({
  itemId: z.uuid(),
  reviewerUserId: z.uuid('Choose a reviewer'),
});
export type ReassignItemInput = z.output<typeof reassignItemSchema>;

export const listReviewItemsSchema = z.object({
  campaignId: z.uuid().optional(),
  status: z.enum(['pending', 'decided', 'overdue', 'unassigned', 'all']).default('pending'),
  /** Compliance and admins may look at one reviewer's items; managers always see their own. */
  reviewerUserId: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(100),
  /** Where the previous page ended (keyset), from `nextCursor`. */
  cursor: z.string().max(2000).optional(),
});
export type ListReviewItemsInput = z.output<typeof listReviewItemsSchema>;

export const scopeCountSchema = campaignScopeSchema;
