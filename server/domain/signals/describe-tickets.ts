import {
  count,
  dayFact,
  evidenceFact,
  fact,
  n,
  on,
  rank,
  T,
  type Presenter,
} from './describe-shared';
import type { Stats } from './facts';
import { ticketMismatchesOf } from './related';
import { num, percent, plural } from './words';

export const TICKET_PRESENTERS: Record<string, Presenter> = {
  // docs/DETECTORS.md §Ticket feed: low for one, medium for a few, high at 5 or 3 distinct records,
  // critical at 20 that are most of the day's lookups.
  ticket_mismatch(s, severity) {
    const mismatched = n(s, 'mismatched') ?? 0;
    const lookups = n(s, 'lookups');
    const share = n(s, 'share');
    const records = n(s, 'records') ?? 0;
    const rule =
      rank(severity) >= rank('critical')
        ? `${num(T.ticketMismatchCriticalEvents)} or more that are most of the day’s lookups: the ticket is a cover`
        : rank(severity) >= rank('high')
          ? `${mismatched >= T.ticketMismatchHighEvents ? `${num(T.ticketMismatchHighEvents)} or more in a day` : `${num(T.ticketMismatchHighCustomers)} or more distinct records`} look like a list being worked through (critical at ${num(T.ticketMismatchCriticalEvents)} that are most of the day’s lookups)`
          : rank(severity) >= rank('medium')
            ? `a few in a day (high at ${num(T.ticketMismatchHighEvents)}, or at ${num(T.ticketMismatchHighCustomers)} distinct records)`
            : `a single one, which linked accounts can explain (medium at ${num(T.ticketMismatchMediumEvents)})`;
    return {
      why:
        `${num(mismatched)}${lookups !== null ? ` of ${num(lookups)}` : ''} sensitive lookups${on(s)}${share !== null ? ` (${percent(share)})` : ''} ` +
        `opened ${plural(records, 'record')} that the real, open ticket they cited is not about — ${rule}`,
      facts: [
        ...fact('Lookups outside their ticket', num(mismatched)),
        ...fact('Sensitive lookups that day', count(lookups)),
        ...fact('Share of the day’s lookups', share !== null ? percent(share) : null),
        ...fact('Distinct records opened', num(records)),
        ...fact('Tickets cited', count(n(s, 'tickets'))),
        ...dayFact(s),
        ...evidenceFact(s),
      ],
    };
  },
};

/** One "ticket → is about → but opened" row. */
export interface TicketMismatchRow {
  ticket: string;
  /** "C-77, C-78 and 2 more"; null when only the evidence is at hand (signals stored before rows were kept). */
  about: string | null;
  opened: string;
  at: Date;
}

interface EvidenceLookup {
  occurredAt: Date;
  ticketId: string | null;
  resource: string | null;
}

/**
 * The mismatched lookups of a ticket_mismatch signal in time order (docs/PRODUCT.md §The signal
 * page): from `stats.mismatches`, which say what each ticket is about, else from the evidence
 * events, which say only the ticket and the record opened.
 */
export function ticketMismatchRows(
  stats: Stats,
  evidence: readonly EvidenceLookup[],
): TicketMismatchRow[] {
  const stored = ticketMismatchesOf(stats);
  const rows: TicketMismatchRow[] = stored.length
    ? stored.map((m) => ({
        ticket: m.ticket,
        about:
          m.about.join(', ') +
          (m.aboutCount > m.about.length ? ` and ${num(m.aboutCount - m.about.length)} more` : ''),
        opened: m.opened,
        at: new Date(m.at),
      }))
    : evidence.flatMap((e) =>
        e.ticketId && e.resource
          ? [{ ticket: e.ticketId, about: null, opened: e.resource, at: e.occurredAt }]
          : [],
      );
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime());
}
