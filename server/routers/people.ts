import {
  listPeopleSchema,
  personIdSchema,
  personInputSchema,
  updatePersonSchema,
} from '@/server/domain/inventory/inputs';
import { INVENTORY_EDITORS, INVENTORY_READERS } from '@/server/domain/tenancy/roles';
import { createPerson, updatePerson } from '@/server/services/inventory/people-commands';
import { getPerson, listPeople, personOptions } from '@/server/services/inventory/people-queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const peopleRouter = createRouter({
  list: orgProcedure(INVENTORY_READERS)
    .input(listPeopleSchema)
    .query(({ ctx, input }) => listPeople(ctx.actor, input)),
  get: orgProcedure(INVENTORY_READERS)
    .input(personIdSchema)
    .query(({ ctx, input }) => getPerson(ctx.actor, input)),
  options: orgProcedure(INVENTORY_READERS).query(({ ctx }) => personOptions(ctx.actor)),
  create: orgProcedure(INVENTORY_EDITORS)
    .input(personInputSchema)
    .mutation(({ ctx, input }) => createPerson(ctx.actor, input)),
  update: orgProcedure(INVENTORY_EDITORS)
    .input(updatePersonSchema)
    .mutation(({ ctx, input }) => updatePerson(ctx.actor, input)),
});
