import {
  removeToxicPairSchema,
  systemIdSchema,
  systemInputSchema,
  toxicPairInputSchema,
  updateSystemSchema,
} from '@/server/domain/inventory/inputs';
import { INVENTORY_EDITORS, INVENTORY_READERS } from '@/server/domain/tenancy/roles';
import {
  addToxicPair,
  createSystem,
  removeToxicPair,
  updateSystem,
} from '@/server/services/inventory/system-commands';
import {
  getSystem,
  listSystems,
  listToxicPairs,
  memberOptions,
  privilegeOptions,
} from '@/server/services/inventory/system-queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const systemsRouter = createRouter({
  list: orgProcedure(INVENTORY_READERS).query(({ ctx }) => listSystems(ctx.actor)),
  get: orgProcedure(INVENTORY_READERS)
    .input(systemIdSchema)
    .query(({ ctx, input }) => getSystem(ctx.actor, input)),
  privilegeOptions: orgProcedure(INVENTORY_READERS).query(({ ctx }) => privilegeOptions(ctx.actor)),
  // Members who can own a system (owners approve access to it).
  ownerOptions: orgProcedure(INVENTORY_EDITORS).query(({ ctx }) => memberOptions(ctx.actor)),
  create: orgProcedure(INVENTORY_EDITORS)
    .input(systemInputSchema)
    .mutation(({ ctx, input }) => createSystem(ctx.actor, input)),
  update: orgProcedure(INVENTORY_EDITORS)
    .input(updateSystemSchema)
    .mutation(({ ctx, input }) => updateSystem(ctx.actor, input)),
  toxicPairs: orgProcedure(INVENTORY_READERS).query(({ ctx }) => listToxicPairs(ctx.actor)),
  addToxicPair: orgProcedure(INVENTORY_EDITORS)
    .input(toxicPairInputSchema)
    .mutation(({ ctx, input }) => addToxicPair(ctx.actor, input)),
  removeToxicPair: orgProcedure(INVENTORY_EDITORS)
    .input(removeToxicPairSchema)
    .mutation(({ ctx, input }) => removeToxicPair(ctx.actor, input)),
});
