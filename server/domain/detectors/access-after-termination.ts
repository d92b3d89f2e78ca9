import { isoDay } from '../time';
import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { localTime } from './local-time';
import { fmt, groupBy, makeSignal } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Severity, Signal } from './types';

const dayNumber = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`) / 86_400_000;

/**
 * access_after_termination (docs/DETECTORS.md §Signal kinds): activity after the person's end date
 * (inclusive, in their own time zone) or after their vendor's offboarding. Successful activity is
 * high (critical on sensitive records); failed attempts alone are medium: access was tried, not
 * had.
 */
export function detectAccessAfterTermination(
  events: readonly DetectorEvent[],
  person: PersonContext,
  _baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const { endDate, vendorOffboardedAt } = person;
  if (!endDate && !vendorOffboardedAt) return [];
  const day = (e: DetectorEvent) => localTime(e.occurredAt, person.timezone).day;
  const after = events.filter(
    (e) =>
      (endDate !== null && day(e) > endDate) ||
      (vendorOffboardedAt !== null && e.occurredAt > vendorOffboardedAt),
  );
  const out: Signal[] = [];
  for (const [d, list] of groupBy(after, day)) {
    const successes = list.filter((e) => e.outcome === 'success');
    const sensitive = successes.filter((e) => e.sensitive).length;
    const severity: Severity = successes.length === 0 ? 'medium' : sensitive ? 'critical' : 'high';
    const reasons: string[] = [];
    if (endDate !== null && d > endDate)
      reasons.push(`${fmt(dayNumber(d) - dayNumber(endDate))} days after the end date ${endDate}`);
    if (vendorOffboardedAt !== null && list.some((e) => e.occurredAt > vendorOffboardedAt))
      reasons.push(`after the vendor was offboarded on ${isoDay(vendorOffboardedAt)}`);
    out.push(
      makeSignal({
        kind: 'access_after_termination',
        person,
        severity,
        evidence: list,
        keyParts: [d],
        explanation:
          `${fmt(successes.length)} successful and ${fmt(list.length - successes.length)} failed events on ${d}` +
          (sensitive ? ` (${fmt(sensitive)} touching sensitive records)` : '') +
          `, ${reasons.join(' and ')}.`,
        stats: {
          day: d,
          successes: successes.length,
          failures: list.length - successes.length,
          sensitiveEvents: sensitive,
          endDate: endDate ?? '',
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
