import {
  listSignalsSchema,
  personTimelineSchema,
  signalIdSchema,
  triageSignalSchema,
} from '@/server/domain/signals/inputs';
import {
  SIGNAL_QUEUE_READERS,
  SIGNAL_READERS,
  SIGNAL_TRIAGERS,
} from '@/server/domain/tenancy/roles';
import { signalBaseline } from '@/server/services/signals/baseline-queries';
import {
  detectorStats,
  getSignal,
  listSignals,
  personTimeline,
  signalCounts,
} from '@/server/services/signals/queries';
import { triageSignal } from '@/server/services/signals/triage';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const signalsRouter = createRouter({
  list: orgProcedure(SIGNAL_QUEUE_READERS)
    .input(listSignalsSchema)
    .query(({ ctx, input }) => listSignals(ctx.actor, input)),
  counts: orgProcedure(SIGNAL_QUEUE_READERS).query(({ ctx }) => signalCounts(ctx.actor)),
  detectors: orgProcedure(SIGNAL_READERS).query(({ ctx }) => detectorStats(ctx.actor)),
  get: orgProcedure(SIGNAL_QUEUE_READERS)
    .input(signalIdSchema)
    .query(({ ctx, input }) => getSignal(ctx.actor, input)),
  baseline: orgProcedure(SIGNAL_QUEUE_READERS)
    .input(signalIdSchema)
    .query(({ ctx, input }) => signalBaseline(ctx.actor, input)),
  timeline: orgProcedure(SIGNAL_READERS)
    .input(personTimelineSchema)
    .query(({ ctx, input }) => personTimeline(ctx.actor, input)),
  triage: orgProcedure(SIGNAL_TRIAGERS)
    .input(triageSignalSchema)
    .mutation(({ ctx, input }) => triageSignal(ctx.actor, input)),
});
