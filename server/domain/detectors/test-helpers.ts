// Builders for detector tests and the scale bench: terse timelines with sensible defaults.
import { buildPersonBaseline, type PersonBaseline } from './baseline';
import type { TicketFact, TicketFeed } from './tickets';
import type { DetectorEvent, OrgContext, PersonContext } from './types';

let seq = 0;

export function ev(over: Partial<DetectorEvent> & { at: string | Date }): DetectorEvent {
  const { at, ...rest } = over;
  seq++;
  return {
    id: `e${String(seq).padStart(7, '0')}`,
    personId: 'p1',
    occurredAt: typeof at === 'string' ? new Date(at) : at,
    system: 'support-console',
    action: 'customer.view',
    resource: null,
    recordCount: 1,
    ticketId: 'T-1',
    ip: '81.2.69.160',
    country: 'GB',
    city: 'London',
    lat: 51.5074,
    lon: -0.1278,
    deviceId: null,
    userAgent: 'Mozilla/5.0',
    outcome: 'success',
    isProxy: false,
    sensitive: false,
    ...rest,
  };
}

export function person(over: Partial<PersonContext> = {}): PersonContext {
  return {
    id: 'p1',
    timezone: 'Europe/London',
    declaredCountry: 'GB',
    workMode: 'remote',
    endDate: null,
    vendorOffboardedAt: null,
    peerGroupKey: null,
    grants: [
      { system: 'support-console', privilege: 'agent', from: new Date('2025-01-01'), to: null },
    ],
    ...over,
  };
}

export function org(over: Partial<OrgContext> = {}): OrgContext {
  return {
    highRiskCountries: ['KP'],
    workingHours: { start: '08:00', end: '18:00' },
    officeIps: [],
    officeCidrs: ['203.0.113.0/24'],
    ...over,
  };
}

const DAY = 86_400_000;

/**
 * `days` days of history ending the day before `end` (UTC), `perDay` events a day at the given
 * UTC hours (cycled), each with `records` records.
 */
export function history(
  opts: {
    personId?: string;
    end?: string;
    days?: number;
    perDay?: number;
    utcHours?: number[];
    records?: number | ((day: number) => number);
  } & Partial<DetectorEvent>,
): DetectorEvent[] {
  const {
    personId = 'p1',
    end = '2026-09-17T00:00:00Z',
    days = 20,
    perDay = 5,
    utcHours = [9, 10, 11, 13, 14, 15],
    records = 1,
    ...rest
  } = opts;
  const out: DetectorEvent[] = [];
  const endMs = Date.parse(end);
  for (let d = days; d >= 1; d--) {
    const dayStart = Math.floor((endMs - d * DAY) / DAY) * DAY;
    const perEvent = typeof records === 'function' ? records(d) : records;
    for (let i = 0; i < perDay; i++) {
      const hour = utcHours[i % utcHours.length]!;
      out.push(
        ev({
          ...rest,
          personId,
          at: new Date(dayStart + hour * 3_600_000 + i * 60_000),
          recordCount: perEvent,
        }),
      );
    }
  }
  return out;
}

export function baselineOf(
  events: DetectorEvent[],
  p: PersonContext,
  end = '2026-09-17T00:00:00Z',
): PersonBaseline {
  return buildPersonBaseline(events, p, { windowEnd: new Date(end) });
}

/** A ticket SUP-1042 about C-77, assigned to p1, open 09:00–17:00 UTC on 2026-09-17. */
export function ticket(over: Partial<TicketFact> = {}): TicketFact {
  return {
    ticketId: 'SUP-1042',
    openedAt: new Date('2026-09-17T09:00:00Z'),
    closedAt: new Date('2026-09-17T17:00:00Z'),
    assigned: true,
    assigneeIds: ['p1'],
    resourceIds: ['C-77'],
    ...over,
  };
}

export function feedOf(...tickets: TicketFact[]): TicketFeed {
  return {
    byId: new Map(tickets.map((x) => [x.ticketId.toLowerCase(), x])),
    coversFrom: new Date('2026-01-01T00:00:00Z'),
  };
}
