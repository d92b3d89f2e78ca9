import { erasePersonSchema, legalHoldSchema } from '@/server/domain/erasure/inputs';
import { PRIVACY_ADMINS } from '@/server/domain/tenancy/roles';
import { erasePerson } from '@/server/services/erasure/erase-person';
import { setLegalHold } from '@/server/services/erasure/legal-hold';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const erasureRouter = createRouter({
  erase: orgProcedure(PRIVACY_ADMINS)
    .input(erasePersonSchema)
    .mutation(({ ctx, input }) => erasePerson(ctx.actor, input)),
  setLegalHold: orgProcedure(PRIVACY_ADMINS)
    .input(legalHoldSchema)
    .mutation(({ ctx, input }) => setLegalHold(ctx.actor, input)),
});
