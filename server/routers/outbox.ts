import { outboxFilterSchema } from '@/server/domain/mail/inputs';
import { OUTBOX_READERS } from '@/server/domain/tenancy/roles';
import { listOutbox } from '@/server/services/mail/outbox-queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const outboxRouter = createRouter({
  list: orgProcedure(OUTBOX_READERS)
    .input(outboxFilterSchema)
    .query(({ ctx, input }) => listOutbox(ctx.actor, input)),
});
