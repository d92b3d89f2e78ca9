import { ssoPolicySchema } from '@/server/domain/auth/sso';
import { TENANT_ADMIN } from '@/server/domain/tenancy/roles';
import { getSsoPolicy, setSsoPolicy } from '@/server/services/auth/sso-policy';
import { createRouter, orgProcedure } from '@/server/trpc/init';

/** Require-SSO and the break-glass admin (docs/SECURITY.md §Require SSO). */
export const ssoRouter = createRouter({
  policy: orgProcedure(TENANT_ADMIN).query(({ ctx }) => getSsoPolicy(ctx.actor)),
  setPolicy: orgProcedure(TENANT_ADMIN)
    .input(ssoPolicySchema)
    .mutation(({ ctx, input }) => setSsoPolicy(ctx.actor, input)),
});
