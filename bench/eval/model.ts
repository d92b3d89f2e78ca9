// The evaluation tenant's vocabulary: who people are (HR facts plus how they behave), what the
// generator produces, and the labels (manifest) the report scores against.
import type { Place } from './places';

export type Role =
  | 'bpo_agent'
  | 'support'
  | 'contract_dev'
  | 'kyc_reviewer'
  | 'engineer'
  | 'compliance'
  | 'finance'
  | 'ops'
  | 'exec';

export type PersonType = 'employee' | 'contractor' | 'vendor_staff' | 'candidate';

export interface Trip {
  from: number;
  /** Exclusive. */
  to: number;
  place: Place;
  /** A fixed address there (an office NAT); a hotel address otherwise. */
  ip?: string;
}

/** How a person ordinarily works; tactics and look-alikes change these before logs are made. */
export interface Behaviour {
  /** Mean sensitive lookups per working day (support console, KYC vault). */
  lookups: number;
  /** Day-to-day spread of the volume (log scale). */
  spread: number;
  /** Share of lookups carrying their ticket. */
  ticketRate: number;
  /** Mean AWS API calls per working day. */
  awsCalls: number;
  /** Uses the treasury console (finance). */
  treasury: boolean;
  /** Share of days signed in through a commercial VPN. */
  vpnShare: number;
  /** Share of working days with a late-evening stint. */
  lateShare: number;
  /** Local shift start (hours) and length. */
  shiftStart: number;
  shiftHours: number;
  /** `weekdays` (Mon–Fri) or `six` (BPO rota: one rotating day off a week). */
  rota: 'weekdays' | 'six';
  /** Days (generator index) with ordinary activity: [activeFrom, activeUntil). */
  activeFrom: number;
  activeUntil: number;
  trips: Trip[];
  /** Days in the office (shared NAT) per week, 0 for remote workers. */
  officeDays: number;
  /** On-call weeks (week index % 3 === onCallSlot) with night pages; null when not on call. */
  onCallSlot: number | null;
  /** A scheduled export every Monday of about this many records; 0 for none. */
  weeklyExport: number;
}

export interface PersonSpec {
  index: number;
  email: string;
  fullName: string;
  type: PersonType;
  role: Role;
  vendor: string | null;
  department: string;
  title: string;
  managerEmail: string | null;
  home: Place;
  workMode: 'office' | 'remote';
  startDate: string;
  endDate: string | null;
  /** `kind:value` identifiers for people.csv external_ids. */
  externalIds: string[];
  phone: string | null;
  backgroundCheck: 'not_started' | 'pending' | 'clear' | 'consider' | 'failed';
  identityVerifiedOn: string | null;
  oktaId: string;
  device: string;
  userAgent: string;
  homeIp: string;
  /** Where the person really connects from when it is not where they declared (a laptop farm). */
  actualPlace: Place | null;
  behaviour: Behaviour;
}

export interface GrantSpec {
  email: string;
  system: string;
  privilege: string;
  startsAt: string;
}

export interface WatchlistSpec {
  name: string;
  aliases: string[];
  emails: string[];
  phones: string[];
  github: string[];
  telegram: string[];
  wallets: string[];
  source: string;
  notes: string;
}

export interface TicketSpec {
  ticketId: string;
  system: string;
  assigneeEmail: string;
  resourceIds: string[];
  openedAt: string;
  closedAt: string | null;
  status: 'open' | 'closed';
}

export type LabelKind = 'insider' | 'benign';

/** One labelled person: what was planted on them and whether they should rank high. */
export interface ManifestEntry {
  email: string;
  tactic: string;
  kind: LabelKind;
  /** One line: what the logs show. */
  note: string;
}

export interface EvalOptions {
  seed: number;
  people: number;
  days: number;
}

export const DAY_MS = 86_400_000;

/** The fixed "now" of every run: logs end the day before, so runs are reproducible. */
export const EVAL_NOW = new Date('2026-11-20T00:00:00Z');

/** Okta keeps 90 days of System Log; the export reaches this many days before the other logs. */
export const OKTA_EXTRA_DAYS = 15;

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
