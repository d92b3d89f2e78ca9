import { z } from 'zod';
import { orgProfileSchema, orgSettingsSchema, slugSchema } from './settings';

export const createOrganizationSchema = z.object({
  slug: slugSchema,
  name: orgProfileSchema.shape.name,
});
export type CreateOrganizationInput = z.output<typeof createOrganizationSchema>;

export const updateOrganizationSchema = z.object({
  name: orgProfileSchema.shape.name,
  settings: orgSettingsSchema,
});
export type UpdateOrganizationInput = z.output<typeof updateOrganizationSchema>;
