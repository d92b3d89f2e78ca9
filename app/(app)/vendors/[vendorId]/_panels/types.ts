import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';

type Outputs = inferRouterOutputs<AppRouter>;
export type VendorDetail = Outputs['vendors']['get'];
export type VendorReach = Outputs['access']['vendorSystems'];
export type VendorCases = Outputs['cases']['list'];
