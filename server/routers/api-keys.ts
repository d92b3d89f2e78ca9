import { createApiKeySchema, revokeApiKeySchema } from '@/server/domain/auth/inputs';
import { KEY_READERS, TENANT_ADMIN } from '@/server/domain/tenancy/roles';
import { createApiKey, listApiKeys, revokeApiKey } from '@/server/services/auth/api-keys';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const apiKeysRouter = createRouter({
  list: orgProcedure(KEY_READERS).query(({ ctx }) => listApiKeys(ctx.actor)),
  create: orgProcedure(TENANT_ADMIN)
    .input(createApiKeySchema)
    .mutation(({ ctx, input }) => createApiKey(ctx.actor, input)),
  revoke: orgProcedure(TENANT_ADMIN)
    .input(revokeApiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.actor, input)),
});
