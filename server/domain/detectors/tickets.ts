import type { DetectorThresholds } from './defaults';
import type { DetectorEvent } from './types';

/** One ticket as detection sees it (docs/DETECTORS.md §Ticket feed). */
export interface TicketFact {
  /** As the ticketing tool writes it, for explanations. */
  ticketId: string;
  openedAt: Date;
  /** When it was solved or closed; null while open (or closed without a time given). */
  closedAt: Date | null;
  /** True when the ticket names an assignee at all; an unassigned ticket is a shared queue's. */
  assigned: boolean;
  /** People the ticket is or was assigned to (current assignee and earlier ones Vigil saw). */
  assigneeIds: readonly string[];
  /**
   * People who may work it while its assignee is away: the assignees' managers and teammates
   * (people with the same manager). A lead covering the team's queue is not "someone else's
   * ticket" (docs/DETECTORS.md §Ticket feed).
   */
  coverIds?: readonly string[];
  /** Customer / record ids the ticket is about, as written; empty when the ticket names none. */
  resourceIds: readonly string[];
}

/**
 * The organization's ticket feed for one detection run: only the tickets the judged events cite,
 * keyed by lower-cased id (ticket ids are matched case-insensitively), and when the feed starts.
 */
export interface TicketFeed {
  byId: ReadonlyMap<string, TicketFact>;
  /** The oldest ticket's opening: events before it predate the feed and are judged by presence. */
  coversFrom: Date;
}

export type TicketVerdict =
  /** No ticket id on the event. */
  | { kind: 'none' }
  /** A ticket id that could not be checked (no feed, or the event predates it): presence only. */
  | { kind: 'unchecked' }
  | { kind: 'missing' }
  | { kind: 'not_open'; ticket: TicketFact }
  | { kind: 'not_assignee'; ticket: TicketFact }
  /**
   * A real, open ticket about other records than the one touched; `own` when it is the actor's
   * (or their team's), else a stranger's ticket borrowed as cover.
   */
  | { kind: 'mismatch'; ticket: TicketFact; own: boolean }
  | { kind: 'ok'; ticket: TicketFact };

export type TicketReason = 'none' | 'missing' | 'not_open' | 'not_assignee';

/** Verdicts that count as "without a ticket" for access_without_ticket. */
export function isUnticketed(v: TicketVerdict): v is { kind: TicketReason } & TicketVerdict {
  return (
    v.kind === 'none' || v.kind === 'missing' || v.kind === 'not_open' || v.kind === 'not_assignee'
  );
}

const MINUTE = 60_000;
const WORD = /[\s:;,/=|#&?]+/;

/**
 * True when the event's resource is one the ticket is about: the whole resource, or any word of
 * it, equals one of the ticket's ids (case-insensitive), so `Customer C-77` matches `C-77`.
 */
export function resourceMatches(resource: string, resourceIds: readonly string[]): boolean {
  const r = resource.trim().toLowerCase();
  const ids = resourceIds.map((id) => id.toLowerCase());
  if (ids.includes(r)) return true;
  return r.split(WORD).some((word) => word !== '' && ids.includes(word));
}

/**
 * Judges the ticket an event cites (docs/DETECTORS.md §Ticket feed): it must exist, have been open
 * at the event's time (with a grace either side: a ticket is often logged just after the call that
 * prompted the lookup, and notes are finished just after closing), be about the record touched
 * when it names records (whoever it is assigned to: a real ticket about another customer is cover,
 * the bribed agent's tell) and be assigned to the actor, now or earlier, or to someone they cover
 * for (an unassigned ticket is not held against anyone).
 */
export function judgeTicket(
  e: DetectorEvent,
  feed: TicketFeed | undefined,
  t: Pick<DetectorThresholds, 'ticketOpenGraceMinutes' | 'ticketCloseGraceMinutes'>,
): TicketVerdict {
  if (!e.ticketId) return { kind: 'none' };
  if (!feed || e.occurredAt < feed.coversFrom) return { kind: 'unchecked' };
  const ticket = feed.byId.get(e.ticketId.trim().toLowerCase());
  if (!ticket) return { kind: 'missing' };
  const at = e.occurredAt.getTime();
  if (
    at < ticket.openedAt.getTime() - t.ticketOpenGraceMinutes * MINUTE ||
    (ticket.closedAt !== null &&
      at > ticket.closedAt.getTime() + t.ticketCloseGraceMinutes * MINUTE)
  )
    return { kind: 'not_open', ticket };
  const own =
    !ticket.assigned ||
    ticket.assigneeIds.includes(e.personId) ||
    (ticket.coverIds?.includes(e.personId) ?? false);
  if (
    e.resource &&
    ticket.resourceIds.length > 0 &&
    !resourceMatches(e.resource, ticket.resourceIds)
  )
    return { kind: 'mismatch', ticket, own };
  if (!own) return { kind: 'not_assignee', ticket };
  return { kind: 'ok', ticket };
}
