import { describe, expect, it } from 'vitest';
import { emptyBaseline } from '../detectors/baseline';
import { ev, feedOf, org, person, ticket } from '../detectors/test-helpers';
import { detectTicketMismatch } from '../detectors/ticket-mismatch';
import type { DetectorEvent } from '../detectors/types';
import { describeSignal } from './describe';
import { ticketMismatchRows } from './describe-tickets';

const feed = org({
  tickets: feedOf(
    ticket(),
    ticket({ ticketId: 'SUP-1050', resourceIds: ['C-12', 'C-13', 'C-14', 'C-15'], closedAt: null }),
  ),
});
const lookup = (minute: number, resource: string, ticketId = 'SUP-1042'): DetectorEvent =>
  ev({
    at: new Date(Date.parse('2026-09-17T10:00:00Z') + minute * 60_000),
    sensitive: true,
    ticketId,
    resource,
  });
const detect = (events: DetectorEvent[]) =>
  detectTicketMismatch(events, person(), emptyBaseline('p1', new Date('2026-09-17')), null, feed);

describe('ticket_mismatch presenter', () => {
  it('says the share and the rule that set the severity, from the detector', () => {
    const [s] = detect([
      lookup(0, 'C-77'),
      lookup(1, 'C-77'),
      ...[2, 3, 4, 5, 6, 7].map((m) => lookup(m, `C-9${m}`)),
    ]);
    expect(describeSignal(s!.kind, s!.severity, s!.stats).headline).toBe(
      'High: 6 of 8 sensitive lookups on Thu 17 Sep (75%) opened 6 records that the real, open ticket they cited is not about — 5 or more in a day look like a list being worked through (critical at 20 that are most of the day’s lookups)',
    );
  });

  it('low for one, medium for a few, high at three distinct records', () => {
    const headline = (events: DetectorEvent[]) => {
      const [s] = detect(events);
      return describeSignal(s!.kind, s!.severity, s!.stats).headline;
    };
    expect(headline([lookup(0, 'C-913')])).toMatch(
      /^Low: .* — a single one, which linked accounts can explain \(medium at 2\)$/,
    );
    expect(headline([lookup(0, 'C-913'), lookup(1, 'C-913')])).toMatch(
      /^Medium: .* — a few in a day \(high at 5, or at 3 distinct records\)$/,
    );
    expect(headline([lookup(0, 'C-1'), lookup(1, 'C-2'), lookup(2, 'C-3')])).toContain(
      '3 or more distinct records look like a list being worked through',
    );
  });

  it('rows: ticket, what it is about, what was opened, in time order', () => {
    const events = [lookup(5, 'C-99', 'sup-1050'), lookup(0, 'C-913')];
    const [s] = detect(events);
    expect(ticketMismatchRows(s!.stats, [])).toEqual([
      { ticket: 'SUP-1042', about: 'C-77', opened: 'C-913', at: new Date('2026-09-17T10:00:00Z') },
      {
        ticket: 'SUP-1050',
        about: 'C-12, C-13, C-14 and 1 more',
        opened: 'C-99',
        at: new Date('2026-09-17T10:05:00Z'),
      },
    ]);
  });

  it('rows from the evidence when the signal predates stored lookups', () => {
    const evidence = [
      { occurredAt: new Date('2026-09-17T10:05:00Z'), ticketId: 'SUP-1', resource: 'C-2' },
      { occurredAt: new Date('2026-09-17T10:00:00Z'), ticketId: 'SUP-1', resource: 'C-1' },
      { occurredAt: new Date('2026-09-17T10:01:00Z'), ticketId: null, resource: 'C-3' },
    ];
    expect(ticketMismatchRows({ mismatched: 2 }, evidence)).toEqual([
      { ticket: 'SUP-1', about: null, opened: 'C-1', at: new Date('2026-09-17T10:00:00Z') },
      { ticket: 'SUP-1', about: null, opened: 'C-2', at: new Date('2026-09-17T10:05:00Z') },
    ]);
  });
});
