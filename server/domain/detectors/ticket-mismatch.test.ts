import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { ev, feedOf, org, person, ticket } from './test-helpers';
import { detectTicketMismatch, MAX_MISMATCH_ROWS } from './ticket-mismatch';
import type { DetectorEvent, OrgContext } from './types';

const p = person();
const b = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
const withFeed = org({
  tickets: feedOf(
    ticket(),
    ticket({ ticketId: 'SUP-1050', resourceIds: ['C-12', 'C-13'], closedAt: null }),
  ),
});

/** `n` sensitive lookups from 10:00 UTC, a minute apart, under `ticketId`, of `resource(i)`. */
function lookups(
  n: number,
  resource: (i: number) => string,
  over: Partial<DetectorEvent> = {},
): DetectorEvent[] {
  return Array.from({ length: n }, (_, i) =>
    ev({
      at: new Date(Date.parse('2026-09-17T10:00:00Z') + i * 60_000),
      sensitive: true,
      ticketId: 'SUP-1042',
      resource: resource(i),
      ...over,
    }),
  );
}
const detect = (events: DetectorEvent[], o: OrgContext = withFeed) =>
  detectTicketMismatch(events, p, b, null, o);

describe('detectTicketMismatch', () => {
  it('fires when an agent opens other customers under a real ticket of their own', () => {
    const events = [...lookups(2, () => 'C-77'), ...lookups(6, (i) => `C-9${i}`)];
    const [s, ...rest] = detect(events);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      kind: 'ticket_mismatch',
      severity: 'high',
      dedupeKey: 'ticket_mismatch:p1:2026-09-17',
      stats: { mismatched: 6, lookups: 8, records: 6, tickets: 1, firstTicket: 'SUP-1042' },
    });
    expect(s!.evidenceEventIds).toHaveLength(6);
    expect(s!.explanation).toBe(
      '6 of 8 sensitive lookups on 2026-09-17 (75%) opened 6 records outside the real, open ticket they cited: ' +
        'ticket SUP-1042 is about C-77 but the lookup opened C-90; ticket SUP-1042 is about C-77 but the lookup opened C-91; ' +
        'ticket SUP-1042 is about C-77 but the lookup opened C-92.',
    );
  });

  it('shows one example per ticket first', () => {
    const events = [
      ...lookups(3, () => 'C-913'),
      ...lookups(1, () => 'C-99', { ticketId: 'sup-1050' }),
    ];
    expect(detect(events)[0]!.explanation).toContain(
      'ticket SUP-1042 is about C-77 but the lookup opened C-913; ticket SUP-1050 is about C-12, C-13 but the lookup opened C-99',
    );
  });

  it('keeps each mismatched lookup for the signal page, at most 20', () => {
    const [s] = detect([
      ...lookups(1, () => 'C-913'),
      ...lookups(1, () => 'C-99', {
        ticketId: 'sup-1050',
        occurredAt: new Date('2026-09-17T11:00:00Z'),
      }),
    ]);
    expect(s!.stats.mismatches).toEqual([
      {
        ticket: 'SUP-1042',
        about: ['C-77'],
        aboutCount: 1,
        opened: 'C-913',
        at: '2026-09-17T10:00:00.000Z',
      },
      {
        ticket: 'SUP-1050',
        about: ['C-12', 'C-13'],
        aboutCount: 2,
        opened: 'C-99',
        at: '2026-09-17T11:00:00.000Z',
      },
    ]);
    const [many] = detect(lookups(30, (i) => `C-5${i}`));
    expect(many!.stats).toMatchObject({ mismatched: 30 });
    expect(many!.stats.mismatches).toHaveLength(MAX_MISMATCH_ROWS);
  });

  it('grades by count and by distinct records', () => {
    expect(detect(lookups(1, () => 'C-913'))[0]!.severity).toBe('low');
    expect(detect(lookups(4, () => 'C-913'))[0]!.severity).toBe('medium');
    expect(detect(lookups(3, (i) => `C-91${i}`))[0]!.severity).toBe('high');
    expect(detect(lookups(5, () => 'C-913'))[0]!.severity).toBe('high');
  });

  it('is critical only when the mismatches are many and most of the day', () => {
    const most = [...lookups(25, (i) => `C-5${i}`), ...lookups(5, () => 'C-77')];
    expect(detect(most)[0]!.severity).toBe('critical');
    const busyDay = [...lookups(25, (i) => `C-5${i}`), ...lookups(30, () => 'C-77')];
    expect(detect(busyDay)[0]!.severity).toBe('high');
  });

  it('stays silent for the right ticket, a ticket about no record, or a lookup without a resource', () => {
    expect(detect(lookups(30, () => 'Customer C-77'))).toEqual([]);
    expect(detect(lookups(5, () => 'C-12', { ticketId: 'SUP-1050' }))).toEqual([]);
    const bare = org({ tickets: feedOf(ticket({ resourceIds: [] })) });
    expect(
      detect(
        lookups(5, () => 'C-913'),
        bare,
      ),
    ).toEqual([]);
    expect(detect(lookups(5, () => 'C-913', { resource: null }))).toEqual([]);
  });

  it('leaves tickets that do not exist or are closed to access_without_ticket', () => {
    expect(detect(lookups(5, () => 'C-913', { ticketId: 'SUP-1' }))).toEqual([]);
    const late = lookups(5, () => 'C-913').map((e) => ({
      ...e,
      occurredAt: new Date('2026-09-19T10:00:00Z'),
    }));
    expect(detect(late)).toEqual([]);
  });

  it('counts a stranger’s real ticket about another record as borrowed cover', () => {
    const [signal] = detect(lookups(5, () => 'C-913', { personId: 'p2' }));
    expect(signal).toMatchObject({
      kind: 'ticket_mismatch',
      stats: { mismatched: 5, borrowed: 5 },
    });
    expect(signal!.explanation).toContain('assigned to someone outside the person');
  });

  it('ignores failed lookups, and fires nothing without a ticket feed', () => {
    expect(detect(lookups(5, () => 'C-913', { outcome: 'failure' }))).toEqual([]);
    expect(
      detect(
        lookups(5, () => 'C-913'),
        org(),
      ),
    ).toEqual([]);
  });

  it('keeps one signal per local day', () => {
    const open = org({ tickets: feedOf(ticket({ closedAt: null })) });
    const days = [
      ...lookups(2, () => 'C-913'),
      ...lookups(2, () => 'C-914').map((e) => ({
        ...e,
        // 23:30 UTC is 00:30 the next day in London (BST).
        occurredAt: new Date('2026-09-17T23:30:00Z'),
      })),
    ];
    expect(detect(days, open).map((s) => s.dedupeKey)).toEqual([
      'ticket_mismatch:p1:2026-09-17',
      'ticket_mismatch:p1:2026-09-18',
    ]);
  });
});
