import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';

type Outputs = inferRouterOutputs<AppRouter>;
export type SignalDetail = Outputs['signals']['get'];
export type SignalBaseline = Outputs['signals']['baseline'];
