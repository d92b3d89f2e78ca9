import { describe, expect, it } from 'vitest';
import { detectAccessWithoutTicket } from './access-without-ticket';
import type { PeerBaseline } from './baseline';
import { baselineOf, ev, feedOf, history, org, person, ticket } from './test-helpers';

const p = person();
const o = org();
// Baseline: 100 sensitive accesses, 4 without a ticket.
const past = history({ days: 20, perDay: 5, sensitive: true });
past.slice(0, 4).forEach((e) => (e.ticketId = null));
const b = baselineOf(past, p);
const peers: PeerBaseline = {
  key: 'g',
  size: 7,
  dailyRecordsMedian: 5,
  dailyRecordsP99: 10,
  noTicketRateMedian: 0.05,
  noTicketRateP90: 0.1,
};
const day = (without: number, withTicket: number) => [
  ...Array.from({ length: without }, (_, i) =>
    ev({ at: `2026-09-17T10:${String(i).padStart(2, '0')}:00Z`, sensitive: true, ticketId: null }),
  ),
  ...Array.from({ length: withTicket }, (_, i) =>
    ev({ at: `2026-09-17T11:${String(i).padStart(2, '0')}:00Z`, sensitive: true }),
  ),
];

describe('detectAccessWithoutTicket', () => {
  it('fires well above the own and peers’ usual, with all three rates', () => {
    const [s] = detectAccessWithoutTicket(day(38, 2), p, b, peers, o);
    expect(s).toMatchObject({
      kind: 'access_without_ticket',
      severity: 'medium',
      dedupeKey: 'access_without_ticket:p1:2026-09-17',
    });
    expect(s!.explanation).toBe(
      "38 of 40 sensitive accesses on 2026-09-17 had no ticket (95%); own usual 4% over 100 baseline accesses, peers' p90 10% (group of 7). No ticket feed is connected: only the presence of a ticket id was checked.",
    );
    expect(s!.stats.ticketFeed).toBe('none');
  });

  it('is high for a large, nearly ticketless day', () => {
    expect(detectAccessWithoutTicket(day(55, 0), p, b, peers, o)[0]!.severity).toBe('high');
  });

  it('does not fire within the usual rate or for a handful of accesses', () => {
    expect(detectAccessWithoutTicket(day(2, 38), p, b, peers, o)).toEqual([]);
    expect(detectAccessWithoutTicket(day(9, 0), p, b, peers, o)).toEqual([]);
  });

  it('uses peers alone when the own baseline is thin, and nothing with neither', () => {
    const thin = baselineOf(history({ days: 3, perDay: 5, sensitive: true }), p);
    expect(detectAccessWithoutTicket(day(30, 0), p, thin, peers, o)).toHaveLength(1);
    expect(detectAccessWithoutTicket(day(30, 0), p, thin, null, o)).toEqual([]);
  });

  describe('with a ticket feed', () => {
    // SUP-1042 is p1's, open all day; SUP-7 is closed the week before; SUP-8 is someone else's.
    const fed = org({
      tickets: feedOf(
        ticket({ closedAt: null, resourceIds: [] }),
        ticket({
          ticketId: 'SUP-7',
          openedAt: new Date('2026-09-08T09:00:00Z'),
          closedAt: new Date('2026-09-09T09:00:00Z'),
        }),
        ticket({ ticketId: 'SUP-8', assigneeIds: ['p2'], closedAt: null }),
      ),
    });
    const citing = (n: number, ticketId: string | null, minute0 = 0) =>
      Array.from({ length: n }, (_, i) =>
        ev({
          at: `2026-09-17T12:${String(minute0 + i).padStart(2, '0')}:00Z`,
          sensitive: true,
          ticketId,
        }),
      );

    it('counts tickets that do not exist, were closed or are someone else’s as no ticket, and says which', () => {
      const events = [
        ...citing(30, 'SUP-404'),
        ...citing(5, 'SUP-7', 30),
        ...citing(3, 'SUP-8', 35),
        ...citing(3, 'SUP-1042', 40),
      ];
      // Presence alone would see 41 of 41 ticketed and stay silent.
      expect(detectAccessWithoutTicket(events, p, b, peers, o)).toEqual([]);
      const [s] = detectAccessWithoutTicket(events, p, b, peers, fed);
      expect(s!.explanation).toBe(
        "38 of 41 sensitive accesses on 2026-09-17 had no valid ticket (93%: 30 cited tickets that do not exist, 5 cited tickets that were not open at the time, 3 cited tickets assigned to someone else); own usual 4% over 100 baseline accesses, peers' p90 10% (group of 7).",
      );
      expect(s!.stats).toMatchObject({
        ticketFeed: 'connected',
        reason_missing: 30,
        reason_not_open: 5,
        reason_not_assignee: 3,
      });
    });

    it('fires on a handful of invalid citations the usual rate would absorb', () => {
      // 6 closed-ticket citations among 24 lookups (25%): under the 10-event rate rule, yet each is
      // a ticket cited that did not justify the lookup.
      const events = [...citing(6, 'SUP-7'), ...citing(18, 'SUP-1042', 10)];
      const [s] = detectAccessWithoutTicket(events, p, b, peers, fed);
      expect(s).toMatchObject({ severity: 'medium', stats: { invalidCitations: 6 } });
      const many = [...citing(10, 'SUP-7'), ...citing(18, 'SUP-1042', 10)];
      expect(detectAccessWithoutTicket(many, p, b, peers, fed)[0]!.severity).toBe('high');
      // Missing ids are omissions, judged by the rate rule only; too few invalid ones, silent.
      expect(
        detectAccessWithoutTicket(
          [...citing(4, 'SUP-7'), ...citing(16, 'SUP-1042', 10)],
          p,
          b,
          peers,
          fed,
        ),
      ).toEqual([]);
      expect(detectAccessWithoutTicket(events, p, b, peers, o)).toEqual([]);
    });

    it('stays silent when the cited tickets are real, open and the actor’s', () => {
      expect(detectAccessWithoutTicket(citing(40, 'SUP-1042'), p, b, peers, fed)).toEqual([]);
    });
  });
});
