import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { fmt, isoMinute, makeSignal, sortByTime } from './signal';
import { haversineKm } from './stats';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

const place = (e: DetectorEvent) =>
  [e.city, e.country].filter(Boolean).join(', ') || 'unknown place';

/**
 * impossible_travel (docs/DETECTORS.md §Signal kinds): consecutive located events whose distance /
 * time implies travel faster than an airliner (≈ 800 km/h, docs/DETECTORS.md §Hygiene). Compares
 * each event with the previous one only (O(n log n) per person) and carries the last located event
 * of the baseline, so a hop across two ingest batches is still seen. Ignores proxy exits (VPN),
 * failures, hops below the geolocation noise floor and short same-country hops (carrier NAT
 * egress).
 */
export function detectImpossibleTravel(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t, isOfficeIp } = resolveOrg(org);
  const located = sortByTime(
    events.filter((e) => e.lat !== null && e.lon !== null && !e.isProxy && e.outcome === 'success'),
  );
  const out: Signal[] = [];
  let prev = baseline.lastLocated;
  for (const cur of located) {
    if (prev && prev.id !== cur.id && prev.occurredAt <= cur.occurredAt) {
      const km = haversineKm(prev.lat!, prev.lon!, cur.lat!, cur.lon!);
      const hours = (cur.occurredAt.getTime() - prev.occurredAt.getTime()) / 3_600_000;
      // One minute floor: simultaneous events far apart are as impossible as it gets, not NaN.
      const kmh = km / Math.max(hours, 1 / 60);
      const sameCountry = prev.country !== null && prev.country === cur.country;
      const noise = km < t.travelMinKm || (sameCountry && km < t.travelSameCountryIgnoreKm);
      // Two office egress points are both the organization's network, not the person's body.
      const bothOffice = !!prev.ip && !!cur.ip && isOfficeIp(prev.ip) && isOfficeIp(cur.ip);
      if (!noise && !bothOffice && kmh > t.travelMaxKmh) {
        const minutes = Math.round(hours * 60);
        const span = minutes < 120 ? `${fmt(minutes)} min` : `${fmt(hours, 1)} h`;
        out.push(
          makeSignal({
            kind: 'impossible_travel',
            person,
            severity: cur.sensitive ? 'critical' : 'high',
            evidence: [prev, cur],
            keyParts: [prev.id, cur.id],
            explanation:
              `${place(prev)} at ${isoMinute(prev.occurredAt)} then ${place(cur)} at ${isoMinute(cur.occurredAt)}: ` +
              `${fmt(km)} km in ${span}, ${fmt(kmh)} km/h; an airliner manages about ${fmt(t.travelMaxKmh)} km/h.`,
            stats: {
              distanceKm: Math.round(km),
              minutes,
              speedKmh: Math.round(kmh),
              fromCountry: prev.country ?? '',
              toCountry: cur.country ?? '',
            },
            maxEvidence: t.maxEvidenceEvents,
          }),
        );
      }
    }
    prev = cur;
  }
  return out;
}
