import { setMfaPolicySchema } from '@/server/domain/mfa/inputs';
import { updateOrganizationSchema } from '@/server/domain/tenancy/organization-inputs';
import { ANY_ROLE, TENANT_ADMIN } from '@/server/domain/tenancy/roles';
import { mfaPolicyOf, setMfaPolicy } from '@/server/services/mfa/admin';
import { getOrganization, updateOrganization } from '@/server/services/tenancy/organizations';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const organizationRouter = createRouter({
  get: orgProcedure(ANY_ROLE).query(({ ctx }) => getOrganization(ctx.actor)),
  update: orgProcedure(TENANT_ADMIN)
    .input(updateOrganizationSchema)
    .mutation(({ ctx, input }) => updateOrganization(ctx.actor, input)),
  // Who must use a second factor (docs/SECURITY.md §Authentication).
  mfaPolicy: orgProcedure(ANY_ROLE).query(({ ctx }) => mfaPolicyOf(ctx.actor)),
  setMfaPolicy: orgProcedure(TENANT_ADMIN)
    .input(setMfaPolicySchema)
    .mutation(({ ctx, input }) => setMfaPolicy(ctx.actor, input)),
});
