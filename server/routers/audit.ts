import { auditFilterSchema } from '@/server/domain/audit/inputs';
import { AUDIT_READERS } from '@/server/domain/tenancy/roles';
import {
  listAuditEntityTypes,
  listAuditEntries,
  verifyOrgAuditChain,
} from '@/server/services/audit/audit-queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const auditRouter = createRouter({
  list: orgProcedure(AUDIT_READERS)
    .input(auditFilterSchema)
    .query(({ ctx, input }) => listAuditEntries(ctx.actor, input)),
  entityTypes: orgProcedure(AUDIT_READERS).query(({ ctx }) => listAuditEntityTypes(ctx.actor)),
  // A query: verifying reads the chain and changes nothing, so auditors may run it.
  verify: orgProcedure(AUDIT_READERS).query(({ ctx }) => verifyOrgAuditChain(ctx.actor)),
});
