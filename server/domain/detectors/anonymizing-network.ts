import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { localTime } from './local-time';
import { fmt, groupBy, makeSignal, pct, raise } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Severity, Signal } from './types';

/**
 * anonymizing_network (docs/DETECTORS.md §Signal kinds): sign-ins and activity through proxies, VPN
 * exits or hosting providers (Okta `isProxy`), stronger when sensitive records are touched that
 * way, and again for people who declared a home location. One signal per person and local day. A person whose
 * mature baseline already runs through proxies often uses a VPN as a habit, a learned routine
 * (docs/DETECTORS.md §Routines): not flagged. First or occasional use is, with the share shown.
 */
export function detectAnonymizingNetwork(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t, isOfficeIp } = resolveOrg(org);
  const proxied = events.filter((e) => e.isProxy && !(e.ip && isOfficeIp(e.ip)));
  if (proxied.length === 0) return [];
  const habitual = baseline.eventCount ? baseline.proxyEvents / baseline.eventCount : 0;
  // A habit needs weeks of history, not many events: a light user's VPN days count the same.
  if (baseline.activeDays >= t.minBaselineDays && baseline.proxyDays >= t.proxyHabitualDays)
    return [];
  const out: Signal[] = [];
  for (const [day, list] of groupBy(proxied, (e) => localTime(e.occurredAt, person.timezone).day)) {
    const sensitive = list.filter((e) => e.sensitive).length;
    // Signing in through a VPN is common; reaching sensitive records that way is what matters,
    // more so for someone who declared where they work from.
    let severity: Severity = 'low';
    if (sensitive) severity = raise(severity);
    if (sensitive && person.declaredCountry) severity = raise(severity);
    const ips = [...new Set(list.map((e) => e.ip).filter((ip): ip is string => !!ip))].sort();
    out.push(
      makeSignal({
        kind: 'anonymizing_network',
        person,
        severity,
        evidence: list,
        keyParts: [day],
        explanation:
          `${fmt(list.length)} events on ${day} through an anonymizing proxy or hosting network` +
          (ips.length ? ` (${fmt(ips.length)} IPs, e.g. ${ips[0]})` : '') +
          (sensitive ? `, ${fmt(sensitive)} touching sensitive records` : '') +
          (person.declaredCountry ? `; declared location ${person.declaredCountry}` : '') +
          `; ${pct(habitual)} of ${fmt(baseline.eventCount)} baseline events came through proxies, on ${fmt(baseline.proxyDays)} of ${fmt(baseline.activeDays)} days.`,
        stats: {
          day,
          events: list.length,
          sensitiveEvents: sensitive,
          distinctIps: ips.length,
          baselineProxyShare: Math.round(habitual * 10_000) / 10_000,
          baselineProxyDays: baseline.proxyDays,
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
