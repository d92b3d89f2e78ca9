/** The four states every ticketing tool's statuses fold into (docs/IMPORTS.md §tickets.csv). */
export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const STATUS_WORDS: Record<string, TicketStatus> = {
  new: 'open',
  open: 'open',
  opened: 'open',
  assigned: 'open',
  active: 'open',
  in_progress: 'open',
  reopened: 'open',
  todo: 'open',
  pending: 'pending',
  on_hold: 'pending',
  hold: 'pending',
  waiting: 'pending',
  waiting_on_customer: 'pending',
  awaiting_customer: 'pending',
  solved: 'solved',
  resolved: 'solved',
  done: 'solved',
  fixed: 'solved',
  completed: 'solved',
  closed: 'closed',
  cancelled: 'closed',
  canceled: 'closed',
  rejected: 'closed',
  duplicate: 'closed',
};

/** "In Progress", "on-hold", "Resolved" → one of TICKET_STATUSES; undefined when unknown. */
export function normalizeTicketStatus(value: string): TicketStatus | undefined {
  return STATUS_WORDS[
    value
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
  ];
}
