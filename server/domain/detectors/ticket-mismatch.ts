import { resolveOrg } from './context';
import { localTime } from './local-time';
import { fmt, groupBy, makeSignal, pct } from './signal';
import { judgeTicket, type TicketFact } from './tickets';
import type {
  DetectorEvent,
  OrgContext,
  PersonContext,
  Severity,
  Signal,
  TicketMismatchStat,
} from './types';

const MAX_EXAMPLES = 3;
/** Mismatched lookups kept in stats for the signal page; `mismatched` counts them all. */
export const MAX_MISMATCH_ROWS = 20;
const ABOUT_SHOWN = 3;

function about(ticket: TicketFact): string {
  const ids = ticket.resourceIds;
  return ids.length <= 3
    ? ids.join(', ')
    : `${ids.slice(0, 3).join(', ')} and ${fmt(ids.length - 3)} more`;
}

/**
 * ticket_mismatch (docs/DETECTORS.md §Ticket feed): sensitive lookups under a real, open ticket
 * (the person's own or anyone's) of a record the ticket is not about: the tell of an agent who
 * borrows a genuine ticket to cover lookups someone paid for. One signal per person and local day; severity
 * grows with the count, the distinct records and the share of the day's lookups. Needs a ticket
 * feed; without one nothing fires.
 */
export function detectTicketMismatch(
  events: readonly DetectorEvent[],
  person: PersonContext,
  _baseline: unknown,
  _peers: unknown,
  org: OrgContext,
): Signal[] {
  const feed = org.tickets;
  if (!feed) return [];
  const { t } = resolveOrg(org);
  if (!events.some((e) => e.sensitive && e.ticketId)) return [];
  const out: Signal[] = [];
  const lookups = groupBy(
    events.filter((e) => e.sensitive && e.outcome === 'success'),
    (e) => localTime(e.occurredAt, person.timezone).day,
  );
  for (const [day, list] of lookups) {
    const mismatched: { e: DetectorEvent; ticket: TicketFact; own: boolean }[] = [];
    for (const e of list) {
      const verdict = judgeTicket(e, feed, t);
      if (verdict.kind === 'mismatch')
        mismatched.push({ e, ticket: verdict.ticket, own: verdict.own });
    }
    if (mismatched.length === 0) continue;
    const records = new Set(mismatched.map((m) => m.e.resource!.trim().toLowerCase()));
    const ticketIds = new Set(mismatched.map((m) => m.ticket.ticketId));
    const share = mismatched.length / list.length;
    const borrowed = mismatched.filter((m) => !m.own).length;
    const severity: Severity =
      mismatched.length >= t.ticketMismatchCriticalEvents && share > t.ticketMismatchCriticalShare
        ? 'critical'
        : mismatched.length >= t.ticketMismatchHighEvents ||
            records.size >= t.ticketMismatchHighCustomers
          ? 'high'
          : mismatched.length >= t.ticketMismatchMediumEvents
            ? 'medium'
            : 'low';
    // Examples from different tickets first, so one explanation shows the spread.
    const firstPerTicket = new Map<string, (typeof mismatched)[number]>();
    for (const m of mismatched)
      if (!firstPerTicket.has(m.ticket.ticketId)) firstPerTicket.set(m.ticket.ticketId, m);
    const picked = [...new Set([...firstPerTicket.values(), ...mismatched])].slice(0, MAX_EXAMPLES);
    const examples = picked.map(
      ({ e, ticket }) =>
        `ticket ${ticket.ticketId} is about ${about(ticket)} but the lookup opened ${e.resource}`,
    );
    out.push(
      makeSignal({
        kind: 'ticket_mismatch',
        person,
        severity,
        evidence: mismatched.map((m) => m.e),
        keyParts: [day],
        explanation:
          `${fmt(mismatched.length)} of ${fmt(list.length)} sensitive lookups on ${day} (${pct(share)}) ` +
          `opened ${fmt(records.size)} record${records.size === 1 ? '' : 's'} outside the real, open ticket they cited: ` +
          `${examples.join('; ')}` +
          (borrowed > 0
            ? `; ${fmt(borrowed)} of those tickets are assigned to someone outside the person's team.`
            : '.'),
        stats: {
          day,
          mismatched: mismatched.length,
          lookups: list.length,
          share: Math.round(share * 1000) / 1000,
          records: records.size,
          tickets: ticketIds.size,
          borrowed,
          firstTicket: mismatched[0]!.ticket.ticketId,
          firstRecord: mismatched[0]!.e.resource!,
          mismatches: mismatched
            .slice(0, MAX_MISMATCH_ROWS)
            .map(({ e, ticket }): TicketMismatchStat => ({
              ticket: ticket.ticketId,
              about: ticket.resourceIds.slice(0, ABOUT_SHOWN),
              aboutCount: ticket.resourceIds.length,
              opened: e.resource!,
              at: e.occurredAt.toISOString(),
            })),
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
