import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from './defaults';
import { ev, feedOf, ticket } from './test-helpers';
import { judgeTicket, resourceMatches } from './tickets';
import type { DetectorEvent } from './types';

const t = DEFAULT_THRESHOLDS;

const lookup = (at: string, over: Partial<DetectorEvent> = {}) =>
  ev({ at, sensitive: true, ticketId: 'SUP-1042', resource: 'C-77', ...over });

describe('resourceMatches', () => {
  it('matches the whole resource or one of its words, case-insensitively', () => {
    expect(resourceMatches('C-77', ['C-77'])).toBe(true);
    expect(resourceMatches('Customer c-77', ['C-77'])).toBe(true);
    expect(resourceMatches('customer:C-77', ['C-77'])).toBe(true);
    expect(resourceMatches('customer:C-77', ['customer:C-77'])).toBe(true);
  });

  it('does not match a prefix or a different id', () => {
    expect(resourceMatches('C-771', ['C-77'])).toBe(false);
    expect(resourceMatches('Customer C-913', ['C-77'])).toBe(false);
  });
});

describe('judgeTicket', () => {
  const feed = feedOf(ticket());

  it('accepts the right ticket: open, the actor’s, about the record', () => {
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z'), feed, t).kind).toBe('ok');
  });

  it('matches ticket ids case-insensitively and ignores surrounding space', () => {
    expect(
      judgeTicket(lookup('2026-09-17T10:00:00Z', { ticketId: ' sup-1042' }), feed, t).kind,
    ).toBe('ok');
  });

  it('gives a ticket logged just after the call, or closed just before the last check, its grace', () => {
    expect(judgeTicket(lookup('2026-09-17T08:59:00Z'), feed, t).kind).toBe('ok');
    expect(judgeTicket(lookup('2026-09-17T08:31:00Z'), feed, t).kind).toBe('ok');
    expect(judgeTicket(lookup('2026-09-17T17:59:00Z'), feed, t).kind).toBe('ok');
  });

  it('refuses a ticket used well before it opened or after it closed', () => {
    expect(judgeTicket(lookup('2026-09-17T08:29:00Z'), feed, t).kind).toBe('not_open');
    expect(judgeTicket(lookup('2026-09-17T18:01:00Z'), feed, t).kind).toBe('not_open');
    expect(judgeTicket(lookup('2026-09-25T10:00:00Z'), feed, t).kind).toBe('not_open');
  });

  it('keeps an open ticket open, whenever it was opened', () => {
    const open = feedOf(ticket({ closedAt: null }));
    expect(judgeTicket(lookup('2026-10-30T10:00:00Z'), open, t).kind).toBe('ok');
  });

  it('flags a ticket that does not exist, and one assigned to someone else', () => {
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z', { ticketId: 'SUP-9' }), feed, t).kind).toBe(
      'missing',
    );
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z', { personId: 'p2' }), feed, t).kind).toBe(
      'not_assignee',
    );
  });

  it('accepts a reassigned ticket for its earlier assignee, and an unassigned one for anyone', () => {
    const reassigned = feedOf(ticket({ assigneeIds: ['p2', 'p1'] }));
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z'), reassigned, t).kind).toBe('ok');
    const queue = feedOf(ticket({ assigned: false, assigneeIds: [] }));
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z', { personId: 'p9' }), queue, t).kind).toBe(
      'ok',
    );
    // Assigned to an email no person has: not the actor's.
    const stranger = feedOf(ticket({ assigneeIds: [] }));
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z'), stranger, t).kind).toBe('not_assignee');
  });

  it('calls a lookup of another record under a real open ticket a mismatch, whoever holds it', () => {
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z', { resource: 'C-913' }), feed, t)).toEqual(
      expect.objectContaining({ kind: 'mismatch', own: true }),
    );
    expect(
      judgeTicket(lookup('2026-09-17T10:00:00Z', { resource: 'C-913', personId: 'p2' }), feed, t),
    ).toEqual(expect.objectContaining({ kind: 'mismatch', own: false }));
  });

  it('lets a manager or teammate cover the assignee’s ticket about the same record', () => {
    const covered = feedOf(ticket({ coverIds: ['lead', 'mate'] }));
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z', { personId: 'lead' }), covered, t).kind).toBe(
      'ok',
    );
    expect(
      judgeTicket(lookup('2026-09-17T10:00:00Z', { personId: 'outsider' }), covered, t).kind,
    ).toBe('not_assignee');
  });

  it('cannot judge the record when the ticket names none or the event has none', () => {
    const bare = feedOf(ticket({ resourceIds: [] }));
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z', { resource: 'C-913' }), bare, t).kind).toBe(
      'ok',
    );
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z', { resource: null }), feed, t).kind).toBe(
      'ok',
    );
  });

  it('checks only presence without a feed, or before the feed starts', () => {
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z', { ticketId: 'X' }), undefined, t).kind).toBe(
      'unchecked',
    );
    const late = { ...feed, coversFrom: new Date('2026-10-01T00:00:00Z') };
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z', { ticketId: 'X' }), late, t).kind).toBe(
      'unchecked',
    );
    expect(judgeTicket(lookup('2026-09-17T10:00:00Z', { ticketId: null }), feed, t).kind).toBe(
      'none',
    );
  });
});
