import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';

type Outputs = inferRouterOutputs<AppRouter>;
export type PersonDetail = Outputs['people']['get'];
export type PersonMatch = Outputs['screening']['matches'][number];
export type PersonTimeline = Outputs['signals']['timeline'];
export type PersonGrants = Outputs['access']['list'];
export type PersonCaseList = Outputs['cases']['list'];
export type PersonAttestationList = Outputs['attestations']['personHistory'];
export type PersonRisk = Outputs['risk']['person'];
