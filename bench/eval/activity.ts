// The building blocks every generator shares: a day's connection (session), sign-ins, support
// lookups with their tickets, KYC cases, AWS calls and treasury work, written to the source sinks.
import type { Calendar } from './clock';
import type { PersonSpec, TicketSpec } from './model';
import { ipIn, VPN_EXITS, type Place } from './places';
import type { Rng } from './rng';
import type { Session, Sinks } from './sources';

export const SSO_APPS: Record<string, string[]> = {
  bpo_agent: ['Support Console'],
  support: ['Support Console'],
  kyc_reviewer: ['KYC Vault'],
  contract_dev: ['GitHub', 'AWS IAM Identity Center'],
  engineer: ['GitHub', 'AWS IAM Identity Center'],
  compliance: ['Support Console', 'KYC Vault'],
  finance: ['Treasury Console'],
  ops: [],
  exec: [],
};

const AWS_READS: [string, string, (r: Rng) => Record<string, unknown>][] = [
  ['ec2.amazonaws.com', 'DescribeInstances', () => ({ maxResults: 100 })],
  [
    'ecs.amazonaws.com',
    'DescribeServices',
    (r) => ({ cluster: `prod-${r.pick(['api', 'matching', 'wallet'])}` }),
  ],
  [
    'logs.amazonaws.com',
    'FilterLogEvents',
    (r) => ({ logGroupName: `/ecs/prod-${r.pick(['api', 'matching', 'ledger'])}` }),
  ],
  ['monitoring.amazonaws.com', 'GetMetricData', () => ({ maxDatapoints: 1000 })],
  ['s3.amazonaws.com', 'ListBuckets', () => null as unknown as Record<string, unknown>],
  [
    'lambda.amazonaws.com',
    'GetFunction',
    (r) => ({ functionName: `prod-${r.pick(['notifier', 'reconciler', 'kyc-hook'])}` }),
  ],
  ['sts.amazonaws.com', 'GetCallerIdentity', () => null as unknown as Record<string, unknown>],
];

export class Activity {
  private ticketSeq = 0;
  readonly tickets: TicketSpec[] = [];
  constructor(
    readonly sinks: Sinks,
    readonly cal: Calendar,
    /** Swapped per person by the generator, so one person's draws never shift another's. */
    public rng: Rng,
  ) {}

  /** Local hours → UTC ms for this person's zone. */
  at(p: PersonSpec, day: number, hours: number): number {
    return this.cal.at(day, hours, p.home.timezone);
  }

  /** Where the person works from that day: trip, VPN, office NAT or home. */
  session(
    p: PersonSpec,
    day: number,
    over: Partial<Omit<Session, 'person'>> & { place?: Place } = {},
  ): Session {
    const b = p.behaviour;
    const trip = b.trips.find((t) => day >= t.from && day < t.to);
    const weekday = this.cal.weekday(day);
    let place: Place = trip?.place ?? p.actualPlace ?? p.home;
    let ip = trip ? (trip.ip ?? ipIn(place, 40_000 + this.rng.int(0, 5000))) : p.homeIp;
    let proxy = false;
    if (!trip && b.officeDays > 0 && weekday >= 1 && weekday <= b.officeDays) ip = ipIn(p.home, 1);
    if (b.vpnShare > 0 && this.rng.chance(b.vpnShare)) {
      const exit = VPN_EXITS[p.index % VPN_EXITS.length]!;
      ip = exit.ip;
      place = exit.place;
      proxy = true;
    }
    return {
      person: p,
      place: over.place ?? place,
      ip: over.ip ?? ip,
      proxy: over.proxy ?? proxy,
      device: over.device ?? p.device,
      userAgent: over.userAgent ?? p.userAgent,
      sessionId: over.sessionId ?? `102${p.oktaId.slice(3, 13)}${day + 100}${this.rng.hex(6)}`,
    };
  }

  /** Okta sign-in, then single sign-on into the apps the person uses. */
  signIn(s: Session, t: number, apps: readonly string[] = SSO_APPS[s.person.role] ?? []): void {
    this.sinks.oktaEvent(s, t, 'user.session.start', { message: 'User login to Okta' });
    apps.forEach((app, i) =>
      this.sinks.oktaEvent(
        s,
        t + (i + 1) * 40_000 + this.rng.int(0, 30_000),
        'user.authentication.sso',
        {
          app,
          message: 'User single sign on to app',
        },
      ),
    );
  }

  private newTicket(
    system: string,
    prefix: string,
    assignee: string,
    resources: string[],
    openedAt: number,
    closedAt: number | null,
  ): string {
    const ticketId = `${prefix}-${String(100_000 + this.ticketSeq++)}`;
    this.tickets.push({
      ticketId,
      system,
      assigneeEmail: assignee,
      resourceIds: resources,
      openedAt: new Date(openedAt).toISOString(),
      closedAt: closedAt === null ? null : new Date(closedAt).toISOString(),
      status: closedAt === null ? 'open' : 'closed',
    });
    return ticketId;
  }

  customer(): string {
    return `cust-${this.rng.int(100_000, 999_999)}`;
  }

  /** The tickets of a person, for tactics that reuse or cover them. */
  ticketsOf(email: string, system: string): TicketSpec[] {
    return this.tickets.filter((t) => t.assigneeEmail === email && t.system === system);
  }

  /**
   * Support-console work between two instants: tickets of one customer each, looked up one to
   * four times with the ticket pasted, and the share of lookups without one (callbacks, habits).
   */
  supportLookups(
    s: Session,
    from: number,
    to: number,
    lookups: number,
    ticketRate: number,
    opts: { assignee?: string; prefix?: string } = {},
  ): void {
    let left = lookups;
    while (left > 0) {
      const t = from + Math.floor(this.rng.float() * (to - from));
      if (!this.rng.chance(ticketRate)) {
        this.sinks.canonicalEvent(s, t, 'Support Console', 'customer.view', {
          resource: this.customer(),
        });
        left -= 1;
        continue;
      }
      const cust = this.customer();
      const opened = t - this.rng.int(10, 3 * 24 * 60) * 60_000;
      const closed = this.rng.chance(0.9) ? t + this.rng.int(5, 240) * 60_000 : null;
      const ticket = this.newTicket(
        'Support Console',
        opts.prefix ?? (s.person.vendor ? 'NW' : 'SUP'),
        opts.assignee ?? s.person.email,
        [cust],
        opened,
        closed,
      );
      const views = Math.min(left, this.rng.int(1, 4));
      for (let i = 0; i < views; i++)
        this.sinks.canonicalEvent(
          s,
          t + (i + 1) * this.rng.int(20, 300) * 1000,
          'Support Console',
          'customer.view',
          {
            resource: cust,
            ticket,
          },
        );
      left -= views;
    }
  }

  /** KYC review: a case per customer, two to four documents viewed under the case id. */
  kycCases(s: Session, from: number, to: number, views: number, ticketRate: number): void {
    let left = views;
    while (left > 0) {
      const t = from + Math.floor(this.rng.float() * (to - from));
      const cust = this.customer().slice(5);
      const docs = Array.from({ length: this.rng.int(2, 4) }, (_, k) => `kyc-doc-${cust}-${k}`);
      const withCase = this.rng.chance(ticketRate);
      const caseId = withCase
        ? this.newTicket(
            'KYC Vault',
            'KYC',
            s.person.email,
            docs,
            t - this.rng.int(1, 48) * 3_600_000,
            t + this.rng.int(10, 120) * 60_000,
          )
        : null;
      docs.forEach((doc, i) =>
        this.sinks.canonicalEvent(
          s,
          t + i * this.rng.int(30, 240) * 1000,
          'KYC Vault',
          'kyc.document.view',
          {
            resource: doc,
            ticket: caseId,
          },
        ),
      );
      left -= docs.length;
    }
  }

  awsCalls(
    s: Session,
    from: number,
    to: number,
    calls: number,
    role = 'AWSReservedSSO_Developer_5b1e',
  ): void {
    for (let i = 0; i < calls; i++) {
      const [source, name, params] = this.rng.pick(AWS_READS);
      const t = from + Math.floor(this.rng.float() * (to - from));
      this.sinks.cloudtrailEvent(s, t, role, source, name, params(this.rng), { readOnly: true });
    }
  }

  treasuryWork(s: Session, from: number, to: number, n: number): void {
    for (let i = 0; i < n; i++) {
      const t = from + Math.floor(this.rng.float() * (to - from));
      const payout = this.rng.chance(0.25);
      this.sinks.canonicalEvent(
        s,
        t,
        'Treasury Console',
        payout ? 'payout.approve' : 'wallet.balance.view',
        {
          resource: payout
            ? `payout-${this.rng.int(10_000, 99_999)}`
            : `hot-wallet-${this.rng.int(1, 6)}`,
        },
      );
    }
  }
}
