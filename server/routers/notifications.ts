import {
  unsubscribeSchema,
  updateNotificationPreferencesSchema,
} from '@/server/domain/notifications/inputs';
import { ANY_ROLE } from '@/server/domain/tenancy/roles';
import {
  myNotificationPreferences,
  updateNotificationPreferences,
} from '@/server/services/notifications/preference-commands';
import { unsubscribeWithToken } from '@/server/services/notifications/unsubscribe';
import { createRouter, orgProcedure, publicProcedure } from '@/server/trpc/init';

export const notificationsRouter = createRouter({
  // Every member reads and edits their own preferences only: the service takes no member id.
  preferences: orgProcedure(ANY_ROLE).query(({ ctx }) => myNotificationPreferences(ctx.actor)),
  update: orgProcedure(ANY_ROLE)
    .input(updateNotificationPreferencesSchema)
    .mutation(({ ctx, input }) => updateNotificationPreferences(ctx.actor, input)),
  // The link in a message needs no account: the signed, single-purpose token is the credential.
  unsubscribe: publicProcedure
    .input(unsubscribeSchema)
    .mutation(({ ctx, input }) => unsubscribeWithToken(input, ctx.meta)),
});
