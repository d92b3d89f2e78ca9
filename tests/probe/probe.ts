import type { ProbeClient } from './http-client';

/** The demo tenant's signed-in members and the second organization's ids a probe may aim at. */
export interface ProbeContext {
  baseUrl: string;
  anonymous: (headers?: Record<string, string>) => ProbeClient;
  admin: ProbeClient;
  compliance: ProbeClient;
  manager: ProbeClient;
  auditor: ProbeClient;
  acmeOrgId: string;
  borealisOrgId: string;
  /** Ids of records in the second organization, by the input key that names them. */
  borealisIds: Record<string, string>;
  /** Every procedure of the app router: path and kind. */
  procedures: { path: string; type: 'query' | 'mutation' }[];
}

export interface ProbeOutcome {
  ok: boolean;
  /** What was seen: requests made, statuses, the first offending answer. */
  detail: string;
  requests: number;
}

export interface Probe {
  id: string;
  /** The finding it guards against (a probe-report finding id such as F4), when there is one. */
  finding?: string;
  title: string;
  run: (ctx: ProbeContext) => Promise<ProbeOutcome>;
}

export function pass(detail: string, requests: number): ProbeOutcome {
  return { ok: true, detail, requests };
}

export function fail(detail: string, requests: number): ProbeOutcome {
  return { ok: false, detail, requests };
}
