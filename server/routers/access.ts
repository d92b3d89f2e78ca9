import {
  accessRequestInputSchema,
  decideAccessStepSchema,
  grantIdSchema,
  listGrantsSchema,
  previewAccessRequestSchema,
  revokeAccessGrantSchema,
} from '@/server/domain/access/inputs';
import { vendorIdSchema } from '@/server/domain/inventory/inputs';
import { ACCESS_ACTORS, ACCESS_READERS } from '@/server/domain/tenancy/roles';
import { revokeAccessGrant } from '@/server/services/access/grant-changes';
import {
  accessRequestOptions,
  approvalInbox,
  getGrant,
  listGrants,
  previewAccessRequest,
  systemsReachedByVendor,
} from '@/server/services/access/grant-queries';
import {
  decideAccessStep,
  requestAccess,
  withdrawAccessRequest,
} from '@/server/services/access/requests';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const accessRouter = createRouter({
  list: orgProcedure(ACCESS_READERS)
    .input(listGrantsSchema)
    .query(({ ctx, input }) => listGrants(ctx.actor, input)),
  get: orgProcedure(ACCESS_READERS)
    .input(grantIdSchema)
    .query(({ ctx, input }) => getGrant(ctx.actor, input)),
  inbox: orgProcedure(ACCESS_READERS).query(({ ctx }) => approvalInbox(ctx.actor)),
  options: orgProcedure(ACCESS_ACTORS).query(({ ctx }) => accessRequestOptions(ctx.actor)),
  preview: orgProcedure(ACCESS_ACTORS)
    .input(previewAccessRequestSchema)
    .query(({ ctx, input }) => previewAccessRequest(ctx.actor, input)),
  vendorSystems: orgProcedure(ACCESS_READERS)
    .input(vendorIdSchema)
    .query(({ ctx, input }) => systemsReachedByVendor(ctx.actor, input)),
  request: orgProcedure(ACCESS_ACTORS)
    .input(accessRequestInputSchema)
    .mutation(({ ctx, input }) => requestAccess(ctx.actor, input)),
  decide: orgProcedure(ACCESS_ACTORS)
    .input(decideAccessStepSchema)
    .mutation(({ ctx, input }) => decideAccessStep(ctx.actor, input)),
  withdraw: orgProcedure(ACCESS_ACTORS)
    .input(grantIdSchema)
    .mutation(({ ctx, input }) => withdrawAccessRequest(ctx.actor, input)),
  revoke: orgProcedure(ACCESS_ACTORS)
    .input(revokeAccessGrantSchema)
    .mutation(({ ctx, input }) => revokeAccessGrant(ctx.actor, input)),
});
