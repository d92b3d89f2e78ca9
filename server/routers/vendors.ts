import {
  changeVendorStatusSchema,
  listVendorsSchema,
  updateVendorSchema,
  vendorIdSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { INVENTORY_EDITORS, INVENTORY_READERS } from '@/server/domain/tenancy/roles';
import {
  changeVendorStatus,
  createVendor,
  updateVendor,
} from '@/server/services/inventory/vendor-commands';
import { getVendor, listVendors, vendorOptions } from '@/server/services/inventory/vendor-queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const vendorsRouter = createRouter({
  list: orgProcedure(INVENTORY_READERS)
    .input(listVendorsSchema)
    .query(({ ctx, input }) => listVendors(ctx.actor, input)),
  get: orgProcedure(INVENTORY_READERS)
    .input(vendorIdSchema)
    .query(({ ctx, input }) => getVendor(ctx.actor, input)),
  options: orgProcedure(INVENTORY_READERS).query(({ ctx }) => vendorOptions(ctx.actor)),
  create: orgProcedure(INVENTORY_EDITORS)
    .input(vendorInputSchema)
    .mutation(({ ctx, input }) => createVendor(ctx.actor, input)),
  update: orgProcedure(INVENTORY_EDITORS)
    .input(updateVendorSchema)
    .mutation(({ ctx, input }) => updateVendor(ctx.actor, input)),
  changeStatus: orgProcedure(INVENTORY_EDITORS)
    .input(changeVendorStatusSchema)
    .mutation(({ ctx, input }) => changeVendorStatus(ctx.actor, input)),
});
