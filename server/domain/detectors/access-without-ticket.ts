import { isBaselineMature, type PeerBaseline, type PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { localTime } from './local-time';
import { fmt, groupBy, makeSignal, pct } from './signal';
import { isUnticketed, judgeTicket, type TicketReason } from './tickets';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

const REASON_WORDS: [TicketReason, string][] = [
  ['none', 'had no ticket id'],
  ['missing', 'cited tickets that do not exist'],
  ['not_open', 'cited tickets that were not open at the time'],
  ['not_assignee', 'cited tickets assigned to someone else'],
];

/**
 * access_without_ticket (docs/DETECTORS.md §Signal kinds): sensitive-record access without a
 * justifying ticket at a daily rate well above the person's usual (mature baseline) and the peers'
 * p90 (group ≥ 5). The reference is the higher of the two available; with neither there is no
 * "usual" to exceed, so nothing fires (docs/DETECTORS.md §Hygiene). With a ticket feed, a cited
 * ticket that does not exist, was not open or is someone else's counts as no ticket, and a day
 * with several such citations fires on its own (docs/DETECTORS.md §Ticket feed); without a feed
 * only the presence of an id is checked.
 */
export function detectAccessWithoutTicket(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const own =
    isBaselineMature(baseline, org) && baseline.sensitiveEvents > 0
      ? baseline.sensitiveWithoutTicket / baseline.sensitiveEvents
      : null;
  const peer = peers && Number.isFinite(peers.noTicketRateP90) ? peers.noTicketRateP90 : null;
  if (own === null && peer === null) return [];
  const reference = Math.max(own ?? 0, peer ?? 0);
  const sensitive = events.filter((e) => e.sensitive && e.outcome === 'success');
  const out: Signal[] = [];
  for (const [day, list] of groupBy(
    sensitive,
    (e) => localTime(e.occurredAt, person.timezone).day,
  )) {
    const reasons = new Map<TicketReason, number>();
    const unticketed = list.filter((e) => {
      const verdict = judgeTicket(e, org.tickets, t);
      if (!isUnticketed(verdict)) return false;
      reasons.set(verdict.kind, (reasons.get(verdict.kind) ?? 0) + 1);
      return true;
    });
    const rate = unticketed.length / list.length;
    const aboveUsual =
      unticketed.length >= t.noTicketMinEvents &&
      rate >= reference + t.noTicketMinExcess &&
      rate >= t.noTicketMinRatio * reference;
    // Citing a ticket that does not justify the access is an act, not an omission: the usual rate
    // counts ticket ids by presence, so these are judged on their own (docs/DETECTORS.md §Ticket feed).
    const invalid = unticketed.length - (reasons.get('none') ?? 0);
    const invalidCitations =
      org.tickets !== undefined &&
      invalid >= t.noTicketMinInvalid &&
      invalid / list.length >= t.noTicketMinInvalidShare;
    if (!aboveUsual && !invalidCitations) continue;
    const severity =
      (rate >= 0.8 && unticketed.length >= 5 * t.noTicketMinEvents) ||
      (invalidCitations && invalid >= 2 * t.noTicketMinInvalid)
        ? 'high'
        : 'medium';
    out.push(
      makeSignal({
        kind: 'access_without_ticket',
        person,
        severity,
        evidence: unticketed,
        keyParts: [day],
        explanation:
          (org.tickets
            ? `${fmt(unticketed.length)} of ${fmt(list.length)} sensitive accesses on ${day} had no valid ticket (${pct(rate)}: ` +
              REASON_WORDS.filter(([r]) => reasons.has(r))
                .map(([r, words]) => `${fmt(reasons.get(r)!)} ${words}`)
                .join(', ') +
              '); '
            : `${fmt(unticketed.length)} of ${fmt(list.length)} sensitive accesses on ${day} had no ticket (${pct(rate)}); `) +
          [
            own !== null
              ? `own usual ${pct(own)} over ${fmt(baseline.sensitiveEvents)} baseline accesses`
              : null,
            peer !== null ? `peers' p90 ${pct(peer)} (group of ${fmt(peers!.size)})` : null,
          ]
            .filter(Boolean)
            .join(', ') +
          (org.tickets
            ? '.'
            : '. No ticket feed is connected: only the presence of a ticket id was checked.'),
        stats: {
          day,
          unticketed: unticketed.length,
          sensitive: list.length,
          rate: Math.round(rate * 1000) / 1000,
          ticketFeed: org.tickets ? 'connected' : 'none',
          ...(org.tickets ? { invalidCitations: invalid } : {}),
          ...Object.fromEntries([...reasons].map(([r, n]) => [`reason_${r}`, n])),
          ...(own !== null ? { ownRate: Math.round(own * 1000) / 1000 } : {}),
          ...(peer !== null ? { peersP90: Math.round(peer * 1000) / 1000 } : {}),
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
