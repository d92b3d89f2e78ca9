import { z } from 'zod';
import { cursorSchema } from '@/server/domain/cursor';
import { OUTBOUND_EVENT_TYPES } from '@/server/domain/outbound/events';
import type { Role } from '@/server/domain/tenancy/roles';
import { DELIVERY_STATUSES } from './retry';

// Admins manage endpoints; compliance officers and auditors read them and their delivery log
// (docs/INTEGRATIONS.md §Webhooks).
export const WEBHOOK_MANAGERS: readonly Role[] = ['admin'];
export const WEBHOOK_READERS: readonly Role[] = ['admin', 'compliance', 'auditor'];

export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000, 'A webhook URL is at most 2000 characters')
  .pipe(
    z.url({
      protocol: /^https?$/,
      error: 'Enter a full URL starting with https://',
    }),
  );

const eventTypeSchema = z.enum(OUTBOUND_EVENT_TYPES, {
  error: (issue) =>
    `Unknown event type ${JSON.stringify(issue.input)}; choose from ${OUTBOUND_EVENT_TYPES.join(', ')}`,
});

/** The types an endpoint receives; empty means every type. */
export const eventFilterSchema = z
  .array(eventTypeSchema)
  .max(OUTBOUND_EVENT_TYPES.length)
  .transform((types) => [...new Set(types)].sort());

const descriptionSchema = z.string().trim().max(200, 'At most 200 characters').default('');

/** A signing secret the caller brings (e.g. one its receiver already has). */
export const providedSecretSchema = z
  .string()
  .min(24, 'A signing secret is at least 24 characters')
  .max(200, 'A signing secret is at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'A signing secret is printable ASCII without spaces');

export const addWebhookSchema = z.object({
  url: webhookUrlSchema,
  description: descriptionSchema,
  events: eventFilterSchema.default([]),
  secret: providedSecretSchema.optional(),
});
export type AddWebhookInput = z.output<typeof addWebhookSchema>;

export const webhookIdSchema = z.object({ endpointId: z.uuid() });
export type WebhookIdInput = z.output<typeof webhookIdSchema>;

export const updateWebhookSchema = z.object({
  endpointId: z.uuid(),
  description: descriptionSchema,
  events: eventFilterSchema,
});
export type UpdateWebhookInput = z.output<typeof updateWebhookSchema>;

export const setWebhookStatusSchema = z.object({
  endpointId: z.uuid(),
  status: z.enum(['active', 'paused']),
});
export type SetWebhookStatusInput = z.output<typeof setWebhookStatusSchema>;

export const redeliverSchema = z.object({ deliveryId: z.uuid() });
export type RedeliverInput = z.output<typeof redeliverSchema>;

export const listDeliveriesSchema = z.object({
  endpointId: z.uuid().optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListDeliveriesInput = z.output<typeof listDeliveriesSchema>;
