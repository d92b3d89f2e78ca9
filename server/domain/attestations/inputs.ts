import { z } from 'zod';
import { audienceSchema, REQUEST_STATUSES } from './campaign';
import { signingTokenSchema } from './signing-token';
import { templateSchema } from './template';

const dateOnly = z.iso.date('Enter the due date as YYYY-MM-DD');

export const launchCampaignSchema = z.object({
  name: z.string().trim().min(3, 'Name the campaign (at least 3 characters)').max(160),
  templateId: z.uuid('Choose a template'),
  audience: audienceSchema,
  dueDate: dateOnly,
});

export const previewAudienceSchema = z.object({ audience: audienceSchema });
export const campaignIdSchema = z.object({ campaignId: z.uuid() });
export const listCampaignRequestsSchema = z.object({
  campaignId: z.uuid(),
  status: z.enum([...REQUEST_STATUSES, 'all']).default('all'),
  q: z.string().trim().max(200).optional(),
});
export const requestIdSchema = z.object({ requestId: z.uuid() });
export const templateIdSchema = z.object({ templateId: z.uuid() });
export const saveTemplateSchema = z.object({
  /** Absent creates a template; present edits it (a new version). */
  templateId: z.uuid().optional(),
  template: templateSchema,
});
export const personAttestationsSchema = z.object({ personId: z.uuid() });

export const signAttestationSchema = z.object({
  token: signingTokenSchema,
  answers: z.record(z.string().max(60), z.string().max(4000)),
  typedSignature: z.string().trim().min(2, 'Type your full name to sign').max(200),
});
export const declineAttestationSchema = z.object({
  token: signingTokenSchema,
  reason: z
    .string()
    .trim()
    .min(5, 'Say why you decline (at least 5 characters)')
    .max(2000, 'Keep the reason under 2,000 characters'),
});

export type LaunchCampaignInput = z.output<typeof launchCampaignSchema>;
export type PreviewAudienceInput = z.output<typeof previewAudienceSchema>;
export type CampaignIdInput = z.output<typeof campaignIdSchema>;
export type ListCampaignRequestsInput = z.output<typeof listCampaignRequestsSchema>;
export type RequestIdInput = z.output<typeof requestIdSchema>;
export type TemplateIdInput = z.output<typeof templateIdSchema>;
export type SaveTemplateInput = z.output<typeof saveTemplateSchema>;
export type PersonAttestationsInput = z.output<typeof personAttestationsSchema>;
export type SignAttestationInput = z.output<typeof signAttestationSchema>;
export type DeclineAttestationInput = z.output<typeof declineAttestationSchema>;
