import { describe, expect, it } from 'vitest';
import { detectAccessWithoutTicket } from './access-without-ticket';
import type { PeerBaseline } from './baseline';
import { baselineOf, ev, history, org, person } from './test-helpers';

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
      "38 of 40 sensitive accesses on 2026-09-17 had no ticket (95%); own usual 4% over 100 baseline accesses, peers' p90 10% (group of 7).",
    );
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
});
