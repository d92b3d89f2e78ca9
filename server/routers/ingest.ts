import { IDENTITY_READERS } from '@/server/domain/tenancy/roles';
import { listIngestBatches } from '@/server/services/ingest/ingest-events';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const ingestRouter = createRouter({
  batches: orgProcedure(IDENTITY_READERS).query(({ ctx }) => listIngestBatches(ctx.actor)),
});
