import { DEFAULT_THRESHOLDS, type DetectorThresholds } from './defaults';
import { compileIpMatcher } from './ip';
import type { OrgContext } from './types';

/** What every detector needs from the organization, resolved once per OrgContext. */
export interface ResolvedOrg {
  org: OrgContext;
  t: DetectorThresholds;
  isOfficeIp: (ip: string) => boolean;
  highRisk: Set<string>;
  governed: Set<string> | null;
}

const cache = new WeakMap<OrgContext, ResolvedOrg>();

export function resolveOrg(org: OrgContext): ResolvedOrg {
  let r = cache.get(org);
  if (!r) {
    r = {
      org,
      t: { ...DEFAULT_THRESHOLDS, ...org.thresholds },
      isOfficeIp: compileIpMatcher(org.officeIps, org.officeCidrs),
      highRisk: new Set(org.highRiskCountries.map((c) => c.toUpperCase())),
      governed: org.governedSystems ? new Set(org.governedSystems) : null,
    };
    cache.set(org, r);
  }
  return r;
}
