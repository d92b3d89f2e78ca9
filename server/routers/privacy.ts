import { revealPersonSchema } from '@/server/domain/privacy/inputs';
import { PSEUDONYMIZED_ROLES } from '@/server/domain/privacy/visibility';
import { AUDIT_READERS } from '@/server/domain/tenancy/roles';
import { revealPerson } from '@/server/services/privacy/reveal-commands';
import { listReveals } from '@/server/services/privacy/reveal-queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

// docs/PRIVACY.md §Pseudonymized investigation.
export const privacyRouter = createRouter({
  // Only roles that see pseudonyms have something to reveal; the service checks the permission.
  reveal: orgProcedure(PSEUDONYMIZED_ROLES)
    .input(revealPersonSchema)
    .mutation(({ ctx, input }) => revealPerson(ctx.actor, input)),
  reveals: orgProcedure(AUDIT_READERS).query(({ ctx }) => listReveals(ctx.actor)),
});
