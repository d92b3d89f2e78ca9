import { isBaselineMature, type PeerBaseline, type PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { localTime } from './local-time';
import { fmt, groupBy, makeSignal, raise } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Severity, Signal } from './types';

/**
 * new_country (docs/DETECTORS.md §Signal kinds): a country absent from the person's baseline
 * window; stronger when it contradicts the declared location or is on the tenant's high-risk list.
 * Proxy exits are left to anonymizing_network (their country is the proxy's, not the person's). A
 * "new behaviour" finding: it waits for a mature baseline (docs/DETECTORS.md §Hygiene).
 */
export function detectNewCountry(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t, highRisk } = resolveOrg(org);
  if (!isBaselineMature(baseline, org)) return [];
  const known = new Set(baseline.countries);
  const fresh = events.filter((e) => e.country && !e.isProxy && !known.has(e.country));
  const out: Signal[] = [];
  for (const [country, list] of groupBy(fresh, (e) => e.country!)) {
    const first = list.reduce((a, b) => (b.occurredAt < a.occurredAt ? b : a));
    const day = localTime(first.occurredAt, person.timezone).day;
    const contradicts = person.declaredCountry !== null && person.declaredCountry !== country;
    const risky = highRisk.has(country);
    let severity: Severity = 'low';
    if (contradicts) severity = raise(severity);
    if (risky) severity = raise(severity);
    const cities = [...new Set(list.map((e) => e.city).filter((c): c is string => !!c))].sort();
    const seen = baseline.countries.length ? baseline.countries.join(', ') : 'none';
    out.push(
      makeSignal({
        kind: 'new_country',
        person,
        severity,
        evidence: list,
        keyParts: [country, day],
        explanation:
          `${fmt(list.length)} events from ${country}${cities.length ? ` (${cities.join(', ')})` : ''} from ${day}, ` +
          `a country not seen in ${fmt(baseline.eventCount)} events over ${fmt(baseline.activeDays)} baseline days (seen: ${seen})` +
          (contradicts ? `; declared location is ${person.declaredCountry}` : '') +
          (risky ? `; ${country} is on the organization's high-risk list` : '') +
          '.',
        stats: {
          country,
          events: list.length,
          declaredCountry: person.declaredCountry ?? '',
          baselineCountries: baseline.countries.length,
          highRisk: risky ? 1 : 0,
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
