import { createSiemDestinationSchema, siemDestinationIdSchema } from '@/server/domain/siem/inputs';
import { SIEM_ADMINS, SIEM_READERS } from '@/server/domain/tenancy/roles';
import {
  createSiemDestination,
  deleteSiemDestination,
  pauseSiemDestination,
  resumeSiemDestination,
  testSiemDestination,
} from '@/server/services/siem/destination-commands';
import { listSiemDestinations } from '@/server/services/siem/destination-queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const siemRouter = createRouter({
  list: orgProcedure(SIEM_READERS).query(({ ctx }) => listSiemDestinations(ctx.actor)),
  create: orgProcedure(SIEM_ADMINS)
    .input(createSiemDestinationSchema)
    .mutation(({ ctx, input }) => createSiemDestination(ctx.actor, input)),
  test: orgProcedure(SIEM_ADMINS)
    .input(siemDestinationIdSchema)
    .mutation(({ ctx, input }) => testSiemDestination(ctx.actor, input)),
  pause: orgProcedure(SIEM_ADMINS)
    .input(siemDestinationIdSchema)
    .mutation(({ ctx, input }) => pauseSiemDestination(ctx.actor, input)),
  resume: orgProcedure(SIEM_ADMINS)
    .input(siemDestinationIdSchema)
    .mutation(({ ctx, input }) => resumeSiemDestination(ctx.actor, input)),
  remove: orgProcedure(SIEM_ADMINS)
    .input(siemDestinationIdSchema)
    .mutation(({ ctx, input }) => deleteSiemDestination(ctx.actor, input)),
});
