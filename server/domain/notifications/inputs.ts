import { z } from 'zod';
import { NOTIFICATION_CATEGORIES, NOTIFICATION_SETTINGS } from './categories';
import { UNSUBSCRIBE_TOKEN_MAX } from './unsubscribe-token';

export const notificationPreferenceSchema = z.object({
  category: z.enum(NOTIFICATION_CATEGORIES, 'Choose a notification category'),
  setting: z.enum(NOTIFICATION_SETTINGS, 'Choose on, off, immediate or daily'),
});

/** The member's own preferences, saved together (one transaction, one audit entry). */
export const updateNotificationPreferencesSchema = z.object({
  preferences: z
    .array(notificationPreferenceSchema)
    .min(1, 'Choose at least one preference')
    .max(NOTIFICATION_CATEGORIES.length)
    .refine(
      (list) => new Set(list.map((p) => p.category)).size === list.length,
      'Each category once',
    ),
});
export type UpdateNotificationPreferencesInput = z.output<
  typeof updateNotificationPreferencesSchema
>;

export const unsubscribeTokenSchema = z
  .string()
  .min(1, 'This unsubscribe link is not valid.')
  .max(UNSUBSCRIBE_TOKEN_MAX, 'This unsubscribe link is not valid.');

export const unsubscribeSchema = z.object({ token: unsubscribeTokenSchema });
export type UnsubscribeInput = z.output<typeof unsubscribeSchema>;
